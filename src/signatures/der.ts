// A minimal DER writer for the fixed structures Sijill signs (CMS
// SignedData of one signer). Building them from bytes instead of PKI.js
// objects keeps signing close to the cost of the signature itself:
// PKI.js re-encodes every certificate on each toSchema().

/** Encodes one DER element: tag byte, definite length, contents. */
export function derElement(tag: number, ...contents: Uint8Array[]): Buffer {
  const body = Buffer.concat(contents);
  return Buffer.concat([Buffer.from([tag]), derLength(body.length), body]);
}

function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export const der = {
  sequence: (...contents: Uint8Array[]): Buffer => derElement(0x30, ...contents),
  set: (...contents: Uint8Array[]): Buffer => derElement(0x31, ...contents),
  /** A SET OF whose elements are sorted by their encodings, as DER requires (X.690 11.6). */
  setOf: (elements: Uint8Array[]): Buffer => derElement(0x31, ...[...elements].map((element) => Buffer.from(element)).sort(Buffer.compare)),
  octetString: (bytes: Uint8Array): Buffer => derElement(0x04, bytes),
  integer: (value: number): Buffer => derElement(0x02, Buffer.from([value])),
  null: (): Buffer => Buffer.from([0x05, 0x00]),
  oid: (dotted: string): Buffer => derElement(0x06, encodeOid(dotted)),
  /** Context-specific constructed tag [n], explicit or implicit over constructed contents. */
  context: (n: number, ...contents: Uint8Array[]): Buffer => derElement(0xa0 | n, ...contents),
};

function encodeOid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const bytes: number[] = [40 * (parts[0] ?? 0) + (parts[1] ?? 0)];
  for (const part of parts.slice(2)) {
    const chunk: number[] = [part & 0x7f];
    for (let rest = Math.floor(part / 128); rest > 0; rest = Math.floor(rest / 128)) chunk.unshift((rest & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return Buffer.from(bytes);
}
