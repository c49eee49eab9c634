// PKI services for tests and the demo, listening on 127.0.0.1 only: an
// RFC 3161 time-stamping authority (TSA) signed by a certificate of the demo
// issuing CA. The TSA can be switched to reject requests or to respond with a
// token over other data, to test how signing and validation react.
// TODO: OCSP responder and CRL endpoint; revocation checking is not built yet.
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import './crypto.ts';
import { issueCertificate, type Issuer } from './certificates.ts';
import { keyAlgorithmOf } from './crypto.ts';
import type * as x509 from './x509.ts';
import { signingCertificateV2, sortForDer } from '../signatures/cms-sign.ts';
import { oid, sha256Oid } from '../signatures/oids.ts';

/** TSA behaviour: a correct token, a rejection (status 2), or a token over other data. */
export type TsaMode = 'granted' | 'rejection' | 'wrong-imprint';

export interface TestTsa {
  url: string;
  certificate: x509.X509Certificate;
  mode: TsaMode;
  /** Time written as genTime. @default now */
  clock: () => Date;
  requests: number;
  close(): Promise<void>;
}

/** Starts a TSA on 127.0.0.1 with a new time-stamping certificate issued by `issuer`. */
export async function startTestTsa(issuer: Issuer): Promise<TestTsa> {
  const now = Date.now();
  const issued = await issueCertificate({
    subject: { commonName: 'Sijill Test TSA', organization: 'Sijill Test' },
    profile: 'tsa',
    keyAlgorithm: keyAlgorithmOf(issuer.certificate),
    issuer,
    notBefore: new Date(now - 3600_000),
    notAfter: new Date(now + 5 * 365 * 86400_000),
  });
  const chain = [pkijs.Certificate.fromBER(issued.certificate.rawData), pkijs.Certificate.fromBER(issuer.certificate.rawData)];

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      tsa.requests += 1;
      stamp(Buffer.concat(chunks), tsa, issued.keys.privateKey, chain).then(
        (body) => response.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(body),
        (err: Error) => response.writeHead(400, { 'content-type': 'text/plain' }).end(err.message),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const tsa: TestTsa = {
    url: `http://127.0.0.1:${port}/tsa`,
    certificate: issued.certificate,
    mode: 'granted',
    clock: () => new Date(),
    requests: 0,
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
  return tsa;
}

async function stamp(body: Buffer, tsa: TestTsa, key: CryptoKey, chain: pkijs.Certificate[]): Promise<Buffer> {
  const request = pkijs.TimeStampReq.fromBER(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer);
  if (tsa.mode === 'rejection') {
    const rejected = new pkijs.TimeStampResp({ status: new pkijs.PKIStatusInfo({ status: 2 }) });
    return Buffer.from(rejected.toSchema().toBER(false));
  }
  const imprint = tsa.mode === 'wrong-imprint'
    ? new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: sha256Oid }),
      hashedMessage: new asn1js.OctetString({ valueHex: createHash('sha256').update('other data').digest() }),
    })
    : request.messageImprint;
  const info = new pkijs.TSTInfo({
    version: 1,
    policy: '1.3.6.1.4.1.99999.1',
    messageImprint: imprint,
    serialNumber: new asn1js.Integer({ valueHex: randomBytes(8) }),
    genTime: tsa.clock(),
    ...(request.nonce ? { nonce: request.nonce } : {}),
  });
  const infoDer = info.toSchema().toBER(false);
  const signer = chain[0] as pkijs.Certificate;
  const signedData = new pkijs.SignedData({
    version: 3,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: oid.tstInfo, eContent: new asn1js.OctetString({ valueHex: infoDer }) }),
    signerInfos: [new pkijs.SignerInfo({
      version: 1,
      sid: new pkijs.IssuerAndSerialNumber({ issuer: signer.issuer, serialNumber: signer.serialNumber }),
      signedAttrs: new pkijs.SignedAndUnsignedAttributes({
        type: 0,
        attributes: sortForDer([
          new pkijs.Attribute({ type: oid.contentType, values: [new asn1js.ObjectIdentifier({ value: oid.tstInfo })] }),
          new pkijs.Attribute({ type: oid.messageDigest, values: [new asn1js.OctetString({ valueHex: createHash('sha256').update(new Uint8Array(infoDer)).digest() })] }),
          new pkijs.Attribute({ type: oid.signingCertificateV2, values: [signingCertificateV2(signer, signer.toSchema().toBER(false))] }),
        ]),
      }),
    })],
    certificates: chain,
  });
  await signedData.sign(key, 0, 'SHA-256');
  const token = new pkijs.ContentInfo({ contentType: oid.signedData, content: signedData.toSchema(true) });
  const reply = new pkijs.TimeStampResp({ status: new pkijs.PKIStatusInfo({ status: 0 }), timeStampToken: token });
  return Buffer.from(reply.toSchema().toBER(false));
}
