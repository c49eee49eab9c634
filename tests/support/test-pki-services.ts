// A throwaway PKI with live revocation services on 127.0.0.1: a root CA, an
// issuing CA, a TSA, an OCSP responder (delegated by the issuing CA) and a
// CRL endpoint per CA. The services start first, so every certificate below
// the root carries their URLs (AIA OCSP and CRL distribution point).
import { issueCertificate, type CertificateProfile, type Issuer } from '../../src/pki/certificates.ts';
import type { KeyAlgorithmName } from '../../src/pki/crypto.ts';
import { startRevocationServices, type RevocationServices } from '../../src/pki/revocation-services.ts';
import type { Signer } from '../../src/pki/signer.ts';
import { startTestTsa, type TestTsa } from '../../src/pki/test-services.ts';

export interface ServicesPki {
  root: Issuer;
  issuingCa: Issuer;
  rootPem: string;
  services: RevocationServices;
  tsa: TestTsa;
  /** Valid now, RSA or ECDSA as the PKI. */
  valid: Signer;
  /** The other key algorithm than the CAs'. */
  otherAlgorithm: Signer;
  /** Expired yesterday. */
  expired: Signer;
  /** Revoked an hour ago. */
  revokedBefore: Signer;
  /** Valid; tests revoke it after signing with `revoke`. */
  revokedAfter: Signer;
  /** keyEncipherment only. */
  wrongKeyUsage: Signer;
  /** Issues a further signer with the services' URLs (the CRL's unless `crl` is false). */
  issueSigner(name: string, options?: { profile?: CertificateProfile; keyAlgorithm?: KeyAlgorithmName; notBefore?: Date; notAfter?: Date; crl?: boolean }): Promise<Signer>;
  /** The issuing CA's delegated OCSP responder. */
  responder: Issuer;
  /** Revokes a certificate issued by the issuing CA. */
  revoke(signer: Signer, at?: Date): void;
  close(): Promise<void>;
}

const hour = 3600_000;
const year = 365 * 24 * hour;

/**
 * Starts the services and issues the CAs and signers. With `checkedResponder`
 * the OCSP responder's certificate has no id-pkix-ocsp-nocheck and names the
 * issuing CA's CRL, so clients check its own status.
 */
export async function createServicesPki(keyAlgorithm: KeyAlgorithmName = 'RSA-2048', options: { checkedResponder?: boolean } = {}): Promise<ServicesPki> {
  const services = await startRevocationServices();
  const now = Date.now();
  const organization = 'Sijill Revocation Test';
  const rootIssued = await issueCertificate({
    subject: { commonName: `${organization} Root CA`, organization }, profile: 'root', keyAlgorithm,
    notBefore: new Date(now - hour), notAfter: new Date(now + 20 * year),
  });
  const root: Issuer = { certificate: rootIssued.certificate, privateKey: rootIssued.keys.privateKey };
  const caIssued = await issueCertificate({
    subject: { commonName: `${organization} Issuing CA`, organization }, profile: 'ca', keyAlgorithm, issuer: root,
    notBefore: new Date(now - hour), notAfter: new Date(now + 10 * year), crlUrl: services.crlUrl('root'), ocspUrl: services.ocspUrl,
  });
  const issuingCa: Issuer = { certificate: caIssued.certificate, privateKey: caIssued.keys.privateKey };
  const responderIssued = await issueCertificate({
    subject: { commonName: `${organization} OCSP Responder`, organization }, profile: options.checkedResponder ? 'ocsp-checked' : 'ocsp', keyAlgorithm, issuer: issuingCa,
    notBefore: new Date(now - hour), notAfter: new Date(now + 10 * year), ...(options.checkedResponder ? { crlUrl: services.crlUrl('issuing') } : {}),
  });
  const responder: Issuer = { certificate: responderIssued.certificate, privateKey: responderIssued.keys.privateKey };
  services.addAuthority('root', root);
  services.addAuthority('issuing', issuingCa, responder);

  // A responder certificate with the OCSP signing usage, issued by a CA that nobody trusts: its answers are forgeries.
  const rogueRoot = await issueCertificate({
    subject: { commonName: 'Rogue Root' }, profile: 'root', keyAlgorithm, notBefore: new Date(now - hour), notAfter: new Date(now + year),
  });
  const rogueResponder = await issueCertificate({
    subject: { commonName: `${organization} OCSP Responder`, organization }, profile: 'ocsp', keyAlgorithm,
    issuer: { certificate: rogueRoot.certificate, privateKey: rogueRoot.keys.privateKey }, notBefore: new Date(now - hour), notAfter: new Date(now + year),
  });
  services.forgedResponder = { certificate: rogueResponder.certificate, privateKey: rogueResponder.keys.privateKey };

  const tsa = await startTestTsa(issuingCa);
  const issueSigner: ServicesPki['issueSigner'] = async (name, options = {}) => {
    const issued = await issueCertificate({
      subject: { commonName: name, organization }, profile: options.profile ?? 'seal', keyAlgorithm: options.keyAlgorithm ?? keyAlgorithm,
      issuer: issuingCa, notBefore: options.notBefore ?? new Date(now - hour), notAfter: options.notAfter ?? new Date(now + 3 * year),
      ...(options.crl === false ? {} : { crlUrl: services.crlUrl('issuing') }), ocspUrl: services.ocspUrl,
    });
    return { certificate: issued.certificate, chain: [issuingCa.certificate, root.certificate], privateKey: issued.keys.privateKey };
  };
  const revoke = (signer: Signer, at = new Date()): void => services.revoke('issuing', signer.certificate, at, 1);

  const revokedBefore = await issueSigner('Revoked Before Signing');
  revoke(revokedBefore, new Date(now - hour));
  return {
    root, issuingCa, rootPem: root.certificate.toString('pem'), services, tsa,
    valid: await issueSigner('Valid Seal'),
    otherAlgorithm: await issueSigner('Other Algorithm Seal', { keyAlgorithm: keyAlgorithm === 'RSA-2048' ? 'ECDSA-P256' : 'RSA-2048' }),
    expired: await issueSigner('Expired Seal', { notBefore: new Date(now - 2 * year), notAfter: new Date(now - 24 * hour) }),
    revokedBefore,
    revokedAfter: await issueSigner('Revoked After Signing'),
    wrongKeyUsage: await issueSigner('Encryption Key', { profile: 'encryption-only' }),
    issueSigner,
    responder,
    revoke,
    async close() {
      await tsa.close();
      await services.close();
    },
  };
}
