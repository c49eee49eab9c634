// Coded errors of upload intake: why an upload was rejected before it was
// stored. Messages (error.<code>) are in src/i18n/catalogue/digitize.json.
import type { ErrorSpec } from '../errors.ts';

export const uploadErrors = {
  'upload.empty': { status: 400, description: 'The upload has no bytes.' },
  'upload.too_large': { status: 413, description: 'The upload is larger than SIJILL_MAX_UPLOAD_BYTES.' },
  'upload.unsupported_type': { status: 415, description: 'The content is not a PDF, JPEG, PNG, TIFF or WebP file (decided by its bytes, not its name).' },
  'upload.header_not_at_start': { status: 422, description: 'Other bytes come before the %PDF- header: the file may also be an executable or archive (a polyglot).' },
  'upload.corrupt': { status: 422, description: 'The file is truncated or its structure is damaged, so it cannot be read reliably.' },
  'upload.encrypted': { status: 422, description: 'The PDF is encrypted (password-protected or restricted).' },
  'upload.too_many_pages': { status: 422, description: 'The PDF or TIFF has more pages than SIJILL_MAX_PAGES.' },
  'upload.too_many_pixels': { status: 422, description: 'An image has more pixels than SIJILL_MAX_PIXELS (a decompression bomb or an oversized scan); rejected from its header, before decoding.' },
  'upload.page_too_large': { status: 422, description: 'A PDF page is so large that rasterizing it at 300 dpi for OCR would exceed SIJILL_MAX_PIXELS.' },
  'upload.too_deeply_nested': { status: 422, description: 'The PDF nests arrays or dictionaries deeper than intake allows; such files crash recursive parsers.' },
} satisfies Record<string, ErrorSpec>;
