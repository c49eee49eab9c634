// The files of a posted multipart form, for the JSON API and the staff and
// citizen pages alike. A field's name gives its file's kind: `file:<component>`
// (the applicant's own file) or `paper:<component>` (a scan of a paper
// original, taken only from reception staff). A paper original's OCR
// language comes from the field `ocrLanguage:<component>`.
import { isOcrLanguageChoice } from '../digitize/language.ts';
import type { IncomingFile } from '../domain/dossiers/submit.ts';
import { SijillError } from '../errors.ts';
import type { ReceivedForm } from './multipart.ts';

/** Returns the form's files; `paperAllowed` is false for citizens, whose `paper:` files count as uploads. */
export function incomingFilesOf(form: ReceivedForm, paperAllowed: boolean): IncomingFile[] {
  return form.files.map((file) => {
    const [kind, componentCode = ''] = file.fieldName.split(':');
    if (kind !== 'file' && kind !== 'paper') throw new SijillError('request.invalid', { detail: `unexpected file field ${file.fieldName}` });
    const paperOriginal = kind === 'paper' && paperAllowed;
    const incoming: IncomingFile = { componentCode, fileName: file.fileName, bytes: file.bytes, paperOriginal };
    const language = form.fields[`ocrLanguage:${componentCode}`] ?? '';
    if (paperOriginal && language !== '') {
      if (!isOcrLanguageChoice(language)) throw new SijillError('dossier.ocr_language_invalid', { language, component: componentCode });
      incoming.ocrLanguages = language;
    }
    return incoming;
  });
}
