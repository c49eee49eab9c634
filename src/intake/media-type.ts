// Media type of an upload, decided by its first bytes (magic numbers) only.
// The file name and the client's Content-Type are never consulted, because
// both are under the sender's control.

export const acceptedMediaTypes = ['application/pdf', 'image/jpeg', 'image/png', 'image/tiff', 'image/webp'] as const;
export type AcceptedMediaType = (typeof acceptedMediaTypes)[number];

export const fileExtensions: Record<AcceptedMediaType, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/tiff': 'tif',
  'image/webp': 'webp',
};

/** Extensions a file name may carry for each media type without its extension being replaced. */
export const knownExtensions: Record<AcceptedMediaType, readonly string[]> = {
  'application/pdf': ['pdf'],
  'image/jpeg': ['jpg', 'jpeg', 'jpe', 'jfif'],
  'image/png': ['png'],
  'image/tiff': ['tif', 'tiff'],
  'image/webp': ['webp'],
};

/** Returns the accepted media type whose signature starts the bytes, or undefined. */
export function detectMediaType(bytes: Uint8Array): AcceptedMediaType | undefined {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'image/tiff';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes.subarray(8), [0x57, 0x45, 0x42, 0x50])) return 'image/webp';
  return undefined;
}

/**
 * Returns the offset of a `%PDF-` header found after other bytes within the
 * first KiB, where PDF readers still look for it. Such a file is a polyglot
 * (an executable or archive that also opens as a PDF).
 */
export function findLatePdfHeader(bytes: Uint8Array): number | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024));
  const offset = head.indexOf('%PDF-', 1, 'latin1');
  return offset > 0 ? offset : undefined;
}

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  if (bytes.byteLength < signature.length) return false;
  return signature.every((value, index) => bytes[index] === value);
}
