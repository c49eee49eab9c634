// Validation of the data that result documents and receipts print. Job
// variables arrive from outside the process, so every render checks them.
import { z } from 'zod';
import { SijillError } from '../errors.ts';

/** Non-empty text after trimming, up to `max` characters. */
export const requiredText = (max: number) => z.string().trim().min(1).max(max);

export const bilingualTextSchema = z.object({ ar: requiredText(300), en: requiredText(300) });

export const applicantSchema = z.object({
  name: requiredText(200),
  /** National ID number for an individual, registration number for an organization. */
  identifier: requiredText(64),
  identifierKind: z.enum(['national_id', 'registration_number']),
});

export const verificationSchema = z.object({
  code: requiredText(64),
  url: z.url({ protocol: /^https?$/ }).max(500),
});

export const timeZoneSchema = z.string().refine(isTimeZone, { message: 'expected an IANA time zone such as Asia/Riyadh' });

/** Parses `input` with `schema`; throws SijillError result.invalid_input listing every invalid path. */
export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown): z.output<Schema> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const detail = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
    throw new SijillError('result.invalid_input', { detail });
  }
  return result.data;
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
