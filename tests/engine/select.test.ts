// Engine selection from the configuration (SIJILL_ENGINE). No Camunda 8
// cluster is reachable here, so the camunda8 engine is only built, never called.
import { expect, test } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { openDb } from '../../src/db/client.ts';
import { Camunda8Engine } from '../../src/engine/camunda8/adapter.ts';
import { EmbeddedEngine } from '../../src/engine/embedded/engine.ts';
import { camunda8Settings, createEngine } from '../../src/engine/select.ts';
import { createLogger } from '../../src/log.ts';
import { openRuntime } from '../../src/runtime.ts';

const logger = createLogger('silent');
const cluster = {
  SIJILL_ENGINE: 'camunda8',
  SIJILL_CAMUNDA_REST_ADDRESS: 'https://bru-2.zeebe.camunda.io/cluster-1',
  SIJILL_CAMUNDA_CLIENT_ID: 'client-1',
  SIJILL_CAMUNDA_CLIENT_SECRET: 'secret-1',
};

test('embedded engine by default', async () => {
  const db = await openDb({ embeddedDir: 'memory://' });
  try {
    expect(createEngine(loadConfig({}), { db, logger })).toBeInstanceOf(EmbeddedEngine);
  } finally {
    await db.close();
  }
});

test('camunda8 engine from cluster settings', async () => {
  const db = await openDb({ embeddedDir: 'memory://' });
  try {
    expect(createEngine(loadConfig(cluster), { db, logger })).toBeInstanceOf(Camunda8Engine);
  } finally {
    await db.close();
  }
});

test('camunda8 settings map to sdk names', () => {
  expect(camunda8Settings(loadConfig(cluster))).toEqual({
    CAMUNDA_REST_ADDRESS: 'https://bru-2.zeebe.camunda.io/cluster-1',
    ZEEBE_REST_ADDRESS: 'https://bru-2.zeebe.camunda.io/cluster-1',
    CAMUNDA_AUTH_STRATEGY: 'OAUTH',
    CAMUNDA_LOG_LEVEL: 'error',
    CAMUNDA_OAUTH_URL: 'https://login.cloud.camunda.io/oauth/token',
    ZEEBE_CLIENT_ID: 'client-1',
    ZEEBE_CLIENT_SECRET: 'secret-1',
    CAMUNDA_TOKEN_AUDIENCE: 'zeebe.camunda.io',
  });
});

test('camunda8 without settings names them', () => {
  expect(() => camunda8Settings(loadConfig({ SIJILL_ENGINE: 'camunda8' }))).toThrow(ConfigError);
  expect(() => camunda8Settings(loadConfig({ SIJILL_ENGINE: 'camunda8' })))
    .toThrow('SIJILL_ENGINE=camunda8 needs SIJILL_CAMUNDA_REST_ADDRESS, SIJILL_CAMUNDA_CLIENT_ID, SIJILL_CAMUNDA_CLIENT_SECRET');
});

test('camunda8 without auth needs address only', () => {
  const settings = camunda8Settings(loadConfig({ SIJILL_ENGINE: 'camunda8', SIJILL_CAMUNDA_AUTH: 'NONE', SIJILL_CAMUNDA_REST_ADDRESS: 'http://127.0.0.1:8080' }));
  expect(settings.CAMUNDA_AUTH_STRATEGY).toBe('NONE');
  expect(settings.ZEEBE_CLIENT_ID).toBeUndefined();
  expect(() => camunda8Settings(loadConfig({ SIJILL_ENGINE: 'camunda8', SIJILL_CAMUNDA_AUTH: 'NONE' }))).toThrow(/needs SIJILL_CAMUNDA_REST_ADDRESS:/);
});

test('runtime rejects incomplete camunda8 settings', async () => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sijill-select-'));
  try {
    await expect(openRuntime({ config: loadConfig({ SIJILL_ENGINE: 'camunda8', SIJILL_DATA_DIR: dataDir }), logger })).rejects.toThrow(ConfigError);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
