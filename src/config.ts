// Typed configuration: every environment variable Sijill reads, its default
// and its meaning, in one schema. docs/configuration.md is generated from it
// (`node scripts/config-doc.ts`).
import path from 'node:path';
import { z } from 'zod';
import { isLanguageSetting } from './digitize/language.ts';

const port = z.coerce.number().int().min(1).max(65535);

export const configSchema = z.object({
  SIJILL_DATA_DIR: z.string().default('var').describe('Folder for the embedded database, the document store and the demo PKI.'),
  DATABASE_URL: z.string().optional().describe('PostgreSQL connection string. Unset: an embedded PostgreSQL (PGlite) in SIJILL_DATA_DIR/pg, for one process at a time (a lock file refuses a second one, such as a command run while sijill serve runs).'),
  SIJILL_HOST: z.string().default('127.0.0.1').describe('Address the HTTP server listens on.'),
  SIJILL_PORT: port.default(3000).describe('Port the HTTP server listens on.'),
  SIJILL_PUBLIC_URL: z.string().optional().describe('Base URL printed on receipts and results. Default: http://SIJILL_HOST:SIJILL_PORT.'),
  SIJILL_ENGINE: z.enum(['embedded', 'camunda8']).default('embedded').describe('Workflow engine behind the engine port.'),
  SIJILL_CAMUNDA_REST_ADDRESS: z.string().url().optional().describe('Camunda 8 cluster REST address for SIJILL_ENGINE=camunda8, without /v2 (e.g. https://bru-2.zeebe.camunda.io/CLUSTER_ID). Required then.'),
  SIJILL_CAMUNDA_AUTH: z.enum(['OAUTH', 'NONE']).default('OAUTH').describe('How SIJILL_ENGINE=camunda8 authenticates: OAUTH (client credentials) or NONE.'),
  SIJILL_CAMUNDA_OAUTH_URL: z.string().url().default('https://login.cloud.camunda.io/oauth/token').describe('OAuth token endpoint of the Camunda 8 cluster.'),
  SIJILL_CAMUNDA_CLIENT_ID: z.string().optional().describe('OAuth client id for the Camunda 8 cluster; required with SIJILL_CAMUNDA_AUTH=OAUTH.'),
  SIJILL_CAMUNDA_CLIENT_SECRET: z.string().optional().describe('OAuth client secret for the Camunda 8 cluster; required with SIJILL_CAMUNDA_AUTH=OAUTH.'),
  SIJILL_CAMUNDA_TOKEN_AUDIENCE: z.string().default('zeebe.camunda.io').describe('OAuth token audience of the Camunda 8 cluster.'),
  SIJILL_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('pino log level.'),
  SIJILL_SESSION_SECRET: z.string().min(32).default('sijill-demo-session-secret-change-me-please').describe('Secret that signs session cookies (32 characters or more). Change it in every deployment.'),
  SIJILL_OCRMYPDF: z.string().default('.tools/venv/bin/ocrmypdf').describe('Path of the OCRmyPDF (>= 17) executable.'),
  SIJILL_OCR_LANGUAGES: z
    .string()
    .refine(isLanguageSetting, 'expected "auto" or Tesseract languages joined by "+", such as "ara+eng"')
    .default('auto')
    .describe('Tesseract languages for a paper document whose officer chose none, joined by "+"; "auto" tells them from its first page (Arabic, English, French or Vietnamese).'),
  SIJILL_OCR_JOBS: z.coerce.number().int().positive().optional().describe('Pages the digitize worker OCRs in parallel; unset, one per available core.'),
  SIJILL_MAX_UPLOAD_BYTES: z.coerce.number().int().positive().default(50 * 1024 * 1024).describe('Largest accepted upload, in bytes.'),
  SIJILL_MAX_PAGES: z.coerce.number().int().positive().default(500).describe('Most pages accepted in one PDF upload.'),
  SIJILL_MAX_PIXELS: z.coerce.number().int().positive().default(200_000_000).describe('Most pixels accepted in one image (width x height).'),
  SIJILL_WEEKEND: z.string().regex(/^[0-6](,[0-6])*$|^$/).default('5,6').describe('Weekend days of the working calendar, 0 = Sunday ... 6 = Saturday.'),
  SIJILL_HOLIDAYS: z.string().regex(/^(\d{4}-\d{2}-\d{2}(,\d{4}-\d{2}-\d{2})*)?$/).default('').describe('Public holidays of the working calendar, comma-separated ISO dates.'),
  SIJILL_TIMEZONE: z.string().default('Asia/Riyadh').describe('IANA time zone of the working calendar and of dates printed on documents.'),
  SIJILL_WORKING_HOURS: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d-(([01]\d|2[0-3]):[0-5]\d|24:00)$/).default('08:00-16:00').describe('Working hours of each working day, local time HH:MM-HH:MM (end exclusive, 24:00 allowed).'),
  ZEEBE_REST_ADDRESS: z.string().optional().describe('Camunda 8 REST address the workers call. Default: this server, http://SIJILL_HOST:SIJILL_PORT.'),
  SIJILL_WORKER_TYPES: z.string().default('').describe('Task types `sijill worker` runs when none are given; empty: all.'),
  SIJILL_TSA_URL: z.string().url().optional().describe('RFC 3161 time-stamping authority for seals (PAdES B-T) and results (B-LTA). Unset: the demo PKI\'s in-process TSA, when there is a demo PKI.'),
  SIJILL_SIGNING_KEYS: z.string().optional().describe('JSON file mapping each unit\'s seal and each officer to a PKCS#12 file or an HSM key (docs/signatures.md). Unset: the demo PKI in SIJILL_DATA_DIR/pki.'),
  SIJILL_SIGNER_POLICIES: z
    .string()
    .refine((value) => value === '' || value.split(',').every((oid) => isObjectIdentifier(oid.trim())), 'expected dotted certificate policy OIDs separated by commas')
    .default('')
    .describe('Certificate policy OIDs, comma-separated, of which a signer certificate must carry one for its signature to pass validation. Empty: any policy, or none.'),
  SIJILL_REVOCATION_POLICY: z.enum(['require', 'hard-fail', 'soft-fail']).default('hard-fail').describe('What validation does without revocation data: require it for every certificate, only for certificates that name OCSP or CRL sources (hard-fail), or never (soft-fail).'),
});

export type Config = z.infer<typeof configSchema>;

/** Parses the environment; throws a ConfigError that lists every invalid variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return result.data;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function publicUrl(config: Config): string {
  return config.SIJILL_PUBLIC_URL ?? `http://${config.SIJILL_HOST}:${config.SIJILL_PORT}`;
}

export function dataPath(config: Config, ...parts: string[]): string {
  return path.resolve(config.SIJILL_DATA_DIR, ...parts);
}

/** Tells whether `value` is a dotted object identifier such as 2.16.682.1.101.5000.1. */
export function isObjectIdentifier(value: string): boolean {
  return /^[0-2](\.(0|[1-9]\d*))+$/.test(value);
}

/** Returns the certificate policies SIJILL_SIGNER_POLICIES requires of signers; empty when none. */
export function signerPoliciesOf(config: Pick<Config, 'SIJILL_SIGNER_POLICIES'>): string[] {
  return config.SIJILL_SIGNER_POLICIES.split(',').map((oid) => oid.trim()).filter((oid) => oid !== '');
}
