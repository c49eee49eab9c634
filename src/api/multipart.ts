// Reads a multipart request into fields and whole files. Each file is
// buffered (up to the upload limit) because it is checked by content and
// hashed before it is stored; @fastify/multipart rejects a larger part.
import type { FastifyRequest } from 'fastify';

export interface ReceivedFile {
  fieldName: string;
  fileName: string;
  bytes: Uint8Array;
}

export interface ReceivedForm {
  fields: Record<string, string>;
  files: ReceivedFile[];
}

export async function readMultipart(request: FastifyRequest): Promise<ReceivedForm> {
  const form: ReceivedForm = { fields: {}, files: [] };
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      const bytes = await part.toBuffer();
      // A file input left empty arrives as a part with no name and no bytes.
      if (bytes.byteLength === 0 && !part.filename) continue;
      form.files.push({ fieldName: part.fieldname, fileName: part.filename, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
    } else {
      form.fields[part.fieldname] = String(part.value ?? '');
    }
  }
  return form;
}
