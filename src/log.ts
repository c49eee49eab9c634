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

/** A logger writing to standard error, for commands whose standard output is their result. */
export function createStderrLogger(level = 'info'): Logger {
  return createLogger(level, pino.destination({ fd: 2, sync: true }));
}

export type { Logger };
