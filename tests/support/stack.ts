// The whole system for end-to-end tests: a fresh PostgreSQL test database,
// the demo city and catalogue, the HTTP server on a free port of 127.0.0.1,
// the engine and every worker over REST.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config.ts';
import { installCatalogue } from '../../src/domain/catalogue.ts';
import { loadDemoCity } from '../../src/demo/city.ts';
import { createLogger } from '../../src/log.ts';
import { bpmnDir, openRuntime, type Runtime } from '../../src/runtime.ts';
import { startStack, type Stack } from '../../src/stack.ts';
import { createTestDb, type TestDb } from './postgres.ts';

export const corpusDir = path.resolve(import.meta.dirname, '../../../shared/corpus');

export interface TestStack {
  runtime: Runtime;
  stack: Stack;
  close(): Promise<void>;
}

export async function startTestStack(options: { workers?: string[] } = {}): Promise<TestStack> {
  const testDb: TestDb = await createTestDb();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sijill-test-'));
  const config = loadConfig({
    DATABASE_URL: testDb.url,
    SIJILL_DATA_DIR: dataDir,
    SIJILL_LOG_LEVEL: process.env['SIJILL_TEST_LOG_LEVEL'] ?? 'warn',
    SIJILL_OCRMYPDF: path.resolve(import.meta.dirname, '../../.tools/venv/bin/ocrmypdf'),
  });
  const runtime = await openRuntime({ config, logger: createLogger(config.SIJILL_LOG_LEVEL) });
  await loadDemoCity(runtime.ctx.db, runtime.ctx.pkiDir);
  await installCatalogue(runtime.ctx, bpmnDir);
  const stack = await startStack(runtime, { host: '127.0.0.1', port: 0, ...(options.workers ? { workerTypes: options.workers } : {}) });
  return {
    runtime,
    stack,
    async close() {
      await stack.stop();
      await runtime.close();
      await testDb.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
