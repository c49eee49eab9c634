// Checks the application form against the procedure's field list.
import { SijillError } from '../../errors.ts';
import type { FormField, Procedure } from '../procedures.ts';

export type FormValues = Record<string, string | number>;

/** Returns the form with each value trimmed and typed; throws a SijillError naming the first bad field. */
export function checkForm(procedure: Procedure, raw: Record<string, unknown>): FormValues {
  const filled = Object.values(raw).some((value) => typeof value === 'number' || (typeof value === 'string' && value.trim() !== ''));
  if (!filled) throw new SijillError('dossier.form_empty');

  const values: FormValues = {};
  for (const field of procedure.form) {
    const value = checkField(field, raw[field.name]);
    if (value !== undefined) values[field.name] = value;
  }
  return values;
}

function checkField(field: FormField, raw: unknown): string | number | undefined {
  const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
  if (text === '') {
    if (field.required) throw new SijillError('dossier.field_missing', { field: field.name });
    return undefined;
  }
  switch (field.type) {
    case 'number': {
      const number = Number(text);
      const outOfRange = (field.min !== undefined && number < field.min) || (field.max !== undefined && number > field.max);
      if (!Number.isFinite(number) || outOfRange) throw new SijillError('dossier.field_invalid', { field: field.name });
      return number;
    }
    case 'date': {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`))) {
        throw new SijillError('dossier.field_invalid', { field: field.name });
      }
      return text;
    }
    case 'text': {
      if (field.maxLength !== undefined && text.length > field.maxLength) throw new SijillError('dossier.field_invalid', { field: field.name });
      return text;
    }
  }
}
