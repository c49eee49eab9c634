// @peculiar/x509, loaded after the Reflect metadata API that its tsyringe
// dependency requires. Import x509 from here, never from '@peculiar/x509'
// directly, or the first module to do so fails to load.
import 'reflect-metadata';

export * from '@peculiar/x509';
