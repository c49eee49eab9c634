import type { ErrorSpec } from '../../errors.ts';

export const dossierErrors = {
  'dossier.unknown_procedure': { status: 404, description: 'The procedure code is not in the catalogue.' },
  'dossier.form_empty': { status: 400, description: 'The application form was submitted without any field filled.' },
  'dossier.field_missing': { status: 400, description: 'A required form field is empty.' },
  'dossier.field_invalid': { status: 400, description: 'A form field has the wrong type, length or range.' },
  'dossier.component_missing': { status: 400, description: 'A required document component has no file.' },
  'dossier.component_unknown': { status: 400, description: 'A file names a component the procedure does not have.' },
  'dossier.ocr_language_invalid': { status: 400, description: 'The OCR language chosen for a paper original is not one Sijill offers (auto, ara+eng, eng, fra, vie).' },
  'dossier.declaration_missing': { status: 400, description: 'Unsigned documents were uploaded without the applicant\'s declaration that they are true copies.' },
  'dossier.parallel_track': { status: 409, description: 'The applicant already has an open dossier for this procedure (single track).' },
  'dossier.not_open': { status: 409, description: 'The dossier is completed; documents can no longer be added.' },
  'document.active_content_withheld': { status: 409, description: 'The document carries active content (JavaScript, launch actions, attachments); it is kept as evidence and never served as it is.' },
} satisfies Record<string, ErrorSpec>;
