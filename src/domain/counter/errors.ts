// Coded errors of counter intake, page edits, paper exceptions and the
// compliance period. Messages (error.<code>) are in src/i18n/catalogue/counter.json.
import type { ErrorSpec } from '../../errors.ts';

export const counterErrors = {
  'counter.document_not_editable': { status: 409, description: 'A page edit names a document that is not a digitized PDF awaiting the reception officer\'s confirmation (already confirmed, or replaced by another edit).' },
  'counter.page_edit_invalid': { status: 400, description: 'A page edit removes every page, places a page twice or outside the document, or turns a page by other than a multiple of 90 degrees.' },
  'counter.exception_with_scan': { status: 400, description: 'A component has both a scan and a paper exception; it needs one or the other.' },
  'counter.exception_note_missing': { status: 400, description: 'A paper exception with the reason "other" has no explanation.' },
  'counter.procedure_of_other_unit': { status: 403, description: 'A reception officer registers a dossier for a procedure that belongs to a unit the officer does not work in; the dossier would be out of the officer\'s sight.' },
  'counter.period_invalid': { status: 400, description: 'The compliance period is not two ISO dates (YYYY-MM-DD) with from on or before to, at most 366 days apart.' },
} satisfies Record<string, ErrorSpec>;
