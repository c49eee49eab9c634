import type { AppContext } from '../src/context.ts';
import type { SigningKeys } from '../src/pki/signing-keys.ts';

/**
 * What a worker may use. Workers reach the engine only through @camunda8/sdk
 * (job variables in, a settlement out), never through the engine port, so the
 * same worker runs against the embedded engine or a Camunda 8 cluster.
 */
export interface WorkerContext extends Omit<AppContext, 'engine'> {
  /** Folder of the PKI (the demo PKI in the embedded default). */
  pkiDir: string;
  /** The seals and officers' keys the workers sign with (SIJILL_SIGNING_KEYS). */
  signingKeys: SigningKeys;
}
