// Reads a page form posted as multipart/form-data. A file over the upload
// limit becomes upload.too_large, so the form is shown again with the
// message instead of an error page.
import type { FastifyRequest } from 'fastify';
import { readMultipart, type ReceivedForm } from '../api/multipart.ts';
export { incomingFilesOf } from '../api/incoming-files.ts';
import type { AppContext } from '../context.ts';
import { SijillError } from '../errors.ts';

const tooLargeCodes = new Set(['FST_REQ_FILE_TOO_LARGE', 'FST_FILES_LIMIT', 'FST_PARTS_LIMIT', 'FST_FIELDS_LIMIT']);

export async function readPageForm(ctx: AppContext, request: FastifyRequest): Promise<ReceivedForm> {
  if (!request.isMultipart()) throw new SijillError('request.invalid', { detail: 'expected multipart/form-data' });
  try {
    return await readMultipart(request);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && tooLargeCodes.has(code)) {
      const maxBytes = ctx.config.SIJILL_MAX_UPLOAD_BYTES;
      throw new SijillError('upload.too_large', { bytes: 0, maxBytes, maxMegabytes: Math.floor(maxBytes / 1048576) }, { cause: error });
    }
    throw error;
  }
}

/** Fields named form.<name>, without the prefix: the application form's values. */
export function applicationFormOf(fields: Record<string, string>): Record<string, unknown> {
  const form: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (name.startsWith('form.')) form[name.slice('form.'.length)] = value;
  }
  return form;
}

export function declarationOf(fields: Record<string, string>): string | null {
  return fields['declaration'] === 'on' ? 'declared-true-copies' : null;
}
