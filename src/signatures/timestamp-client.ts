// RFC 3161 time-stamp client: asks a time-stamping authority (TSA) for a
// token over a SHA-256 digest and checks that the reply answers the request.
import { createHash, randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import '../pki/crypto.ts';
import { sha256Oid } from './oids.ts';

export interface TimestampRequestOptions {
  /** @default 10000 */
  timeoutMs?: number;
}

/** Thrown when the TSA cannot be reached, rejects the request or returns a token for other data. */
export class TimestampError extends Error {
  override name = 'TimestampError';
}

/** A TSA called in process (the demo PKI's): takes a DER TimeStampReq, returns a DER TimeStampResp. */
export type LocalTimestampAuthority = (requestDer: Uint8Array) => Promise<Uint8Array>;

/** A TSA's URL, or a TSA in this process. */
export type TimestampSource = string | LocalTimestampAuthority;

/** Requests a time-stamp token over SHA-256(`data`) and returns it as a CMS ContentInfo. */
export async function requestTimestamp(source: TimestampSource, data: Uint8Array, options: TimestampRequestOptions = {}): Promise<pkijs.ContentInfo> {
  const tsaUrl = typeof source === 'string' ? source : 'in-process TSA';
  const digest = createHash('sha256').update(data).digest();
  const nonce = randomBytes(8);
  nonce[0] = (nonce[0] ?? 0) & 0x7f;
  const request = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: sha256Oid }),
      hashedMessage: new asn1js.OctetString({ valueHex: digest }),
    }),
    nonce: new asn1js.Integer({ valueHex: nonce }),
    certReq: true,
  });

  let body: ArrayBuffer;
  try {
    if (typeof source !== 'string') {
      body = new Uint8Array(await source(new Uint8Array(request.toSchema().toBER()))).buffer;
      return checkReply(body, tsaUrl, digest, nonce);
    }
    const response = await fetch(source, {
      method: 'POST',
      headers: { 'content-type': 'application/timestamp-query' },
      body: new Uint8Array(request.toSchema().toBER()),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    if (!response.ok) throw new TimestampError(`TSA ${tsaUrl} answered HTTP ${response.status}`);
    body = await response.arrayBuffer();
  } catch (err) {
    if (err instanceof TimestampError) throw err;
    throw new TimestampError(`TSA ${tsaUrl} could not be reached: ${(err as Error).message}`, { cause: err });
  }
  return checkReply(body, tsaUrl, digest, nonce);
}

function checkReply(body: ArrayBuffer, tsaUrl: string, digest: Buffer, nonce: Buffer): pkijs.ContentInfo {
  const reply = pkijs.TimeStampResp.fromBER(body);
  const status = reply.status.status;
  if ((status !== 0 && status !== 1) || !reply.timeStampToken) {
    throw new TimestampError(`TSA ${tsaUrl} rejected the request with status ${status}`);
  }
  const info = readTstInfo(reply.timeStampToken);
  const imprint = Buffer.from(info.messageImprint.hashedMessage.valueBlock.valueHexView);
  if (!imprint.equals(digest)) throw new TimestampError(`TSA ${tsaUrl} returned a token for a different digest`);
  if (!info.nonce || !Buffer.from(info.nonce.valueBlock.valueHexView).equals(Buffer.from(nonce))) {
    throw new TimestampError(`TSA ${tsaUrl} returned a token with a different nonce`);
  }
  return reply.timeStampToken;
}

/** Decodes the TSTInfo inside a time-stamp token. */
export function readTstInfo(token: pkijs.ContentInfo): pkijs.TSTInfo {
  const signedData = new pkijs.SignedData({ schema: token.content });
  const content = signedData.encapContentInfo.eContent;
  if (!content) throw new TimestampError('time-stamp token has no TSTInfo');
  return pkijs.TSTInfo.fromBER(content.getValue());
}
