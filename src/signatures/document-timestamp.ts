// PAdES B-LTA: a document timestamp (SubFilter ETSI.RFC3161) appended after
// the DSS. Its token covers the whole file before it, DSS included, so it
// proves that the signatures and their validation data existed at its
// genTime. Adding another one before the TSA's certificate expires keeps the
// proof going.
import { appendSignatureField, loadForSigning, type SignatureFieldOptions } from './signature-field.ts';
import { requestTimestamp, type TimestampRequestOptions, type TimestampSource } from './timestamp-client.ts';
import { contentInfoDer } from './timestamp-verify.ts';

export interface DocumentTimestampOptions extends SignatureFieldOptions {
  /** The TSA's URL, or a TSA in this process. */
  tsa: TimestampSource;
  timestamp?: TimestampRequestOptions;
}

/** Appends a document timestamp; throws TimestampError when the TSA fails. */
export async function addDocumentTimestamp(pdf: Uint8Array, options: DocumentTimestampOptions): Promise<Uint8Array> {
  const document = await loadForSigning(pdf);
  const entries = ['/Type /DocTimeStamp', '/Filter /Adobe.PPKLite', '/SubFilter /ETSI.RFC3161'];
  return appendSignatureField(pdf, document, entries, async (_digest, signedBytes) => {
    const token = await requestTimestamp(options.tsa, signedBytes(), options.timestamp);
    return contentInfoDer(token);
  }, { signatureSize: 12288, ...options });
}
