// Generated reference pages: docs/configuration.md from the configuration
// schema and docs/errors.md from the error registry. `node
// scripts/generate-docs.ts` writes them; tests/docs/reference.test.ts fails
// when a file is out of date.
import { configSchema } from '../config.ts';
import { errorSpec, registeredErrorCodes } from '../errors.ts';
import { t } from '../i18n/index.ts';

export function configurationReference(): string {
  const lines = [
    '# Configuration',
    '',
    'Sijill reads its configuration from environment variables, validated at start-up by',
    '`src/config.ts`. This page is generated from that schema by `node scripts/generate-docs.ts`.',
    '',
    '| Variable | Default | Meaning |',
    '|---|---|---|',
  ];
  for (const [name, schema] of Object.entries(configSchema.shape)) {
    const parsed = schema.safeParse(undefined);
    const fallback = parsed.success && parsed.data !== undefined ? `\`${String(parsed.data)}\`` : '(unset)';
    lines.push(`| \`${name}\` | ${fallback === '``' ? '(empty)' : fallback} | ${(schema.description ?? '').replace(/\|/g, '\\|')} |`);
  }
  return `${lines.join('\n')}\n`;
}

export function errorReference(): string {
  const lines = [
    '# Error codes',
    '',
    'Every error the API returns has the body `{ "code", "message", "params" }`, with the message in',
    'the caller\'s language (Arabic by default). Generated from the registry in `src/errors.ts` by',
    '`node scripts/generate-docs.ts`.',
    '',
    '| Code | HTTP | When | Message (ar) | Message (en) |',
    '|---|---|---|---|---|',
  ];
  for (const code of registeredErrorCodes()) {
    const spec = errorSpec(code);
    const cell = (text: string) => text.replace(/\|/g, '\\|');
    lines.push(`| \`${code}\` | ${spec?.status ?? ''} | ${cell(spec?.description ?? '')} | ${cell(t(`error.${code}`, 'ar'))} | ${cell(t(`error.${code}`, 'en'))} |`);
  }
  return `${lines.join('\n')}\n`;
}
