// Coded errors of the web screens. Messages (error.<code>) are in
// src/i18n/catalogue/web.json.
import type { ErrorSpec } from '../errors.ts';

export const webErrors = {
  'web.rescan_missing': { status: 400, description: 'The reception officer marked a digitized document as not matching its paper original without uploading a rescan.' },
} satisfies Record<string, ErrorSpec>;
