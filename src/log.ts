// pino logger factory. Citizen identifiers, names and secrets are redacted
// wherever they appear under these keys.
import { pino, type Logger } from 'pino';

export const redactedPaths = [
  'nationalId', '*.nationalId', 'applicant.nationalId', 'applicantId', '*.applicantId',
  'fullName', '*.fullName', 'password', '*.password', 'token', '*.token',
  'req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]',
];

export function createLogger(level = 'info', destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: redactedPaths, censor: '[redacted]' } }, destination);
}

export type { Logger };
