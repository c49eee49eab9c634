import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { configSchema } from '../../src/config.ts';
import { configurationReference, errorReference } from '../../src/docs/reference.ts';
import { projectRoot } from '../../src/runtime.ts';

const regenerate = 'run `node scripts/generate-docs.ts` and commit the result';

test('docs/configuration.md is up to date', async () => {
  const committed = await readFile(path.join(projectRoot, 'docs/configuration.md'), 'utf8');
  expect({ upToDate: committed === configurationReference(), fix: regenerate }).toEqual({ upToDate: true, fix: regenerate });
});

test('docs/errors.md is up to date', async () => {
  const committed = await readFile(path.join(projectRoot, 'docs/errors.md'), 'utf8');
  expect({ upToDate: committed === errorReference(), fix: regenerate }).toEqual({ upToDate: true, fix: regenerate });
});

interface ComposeFile {
  services: Record<string, { environment?: Record<string, string>; command?: string[] | string }>;
}

test('docker-compose.yml parses and uses only known settings', async () => {
  const compose = parse(await readFile(path.join(projectRoot, 'docker-compose.yml'), 'utf8')) as ComposeFile;
  expect(Object.keys(compose.services).sort()).toEqual(['api', 'postgres', 'workers']);
  const known = new Set([...Object.keys(configSchema.shape), 'CAMUNDA_AUTH_STRATEGY']);
  for (const name of ['api', 'workers']) {
    const environment = compose.services[name]?.environment ?? {};
    for (const variable of Object.keys(environment)) {
      expect({ service: name, variable, known: known.has(variable) }).toEqual({ service: name, variable, known: true });
    }
    const settings = configSchema.safeParse(environment);
    expect(settings.success).toBe(true);
  }
});
