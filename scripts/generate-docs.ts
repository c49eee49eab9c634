// Writes the generated reference pages in docs/.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { configurationReference, errorReference } from '../src/docs/reference.ts';
import { projectRoot } from '../src/runtime.ts';

await writeFile(path.join(projectRoot, 'docs/configuration.md'), configurationReference());
await writeFile(path.join(projectRoot, 'docs/errors.md'), errorReference());
process.stdout.write('wrote docs/configuration.md and docs/errors.md\n');
