// Chooses the engine behind the engine port from the configuration:
// SIJILL_ENGINE=embedded (the default) runs the embedded engine on Sijill's
// database; SIJILL_ENGINE=camunda8 talks to a Camunda 8 cluster through
// @camunda8/sdk, with the SIJILL_CAMUNDA_* settings.
import { ConfigError, type Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import type { Logger } from '../log.ts';
import { Camunda8Engine } from './camunda8/adapter.ts';
import { EmbeddedEngine } from './embedded/engine.ts';
import type { EnginePort } from './port.ts';
import type { CamundaClientSettings } from './sdk-client.ts';

export function createEngine(config: Config, options: { db: Db; logger: Logger }): EnginePort {
  if (config.SIJILL_ENGINE === 'camunda8') return new Camunda8Engine(camunda8Settings(config));
  return new EmbeddedEngine({ db: options.db, logger: options.logger, ...(config.DATABASE_URL ? { notifyUrl: config.DATABASE_URL } : {}) });
}

/** Builds the @camunda8/sdk settings of the camunda8 engine; throws a ConfigError naming every missing variable. */
export function camunda8Settings(config: Config): CamundaClientSettings {
  const missing: string[] = [];
  if (!config.SIJILL_CAMUNDA_REST_ADDRESS) missing.push('SIJILL_CAMUNDA_REST_ADDRESS');
  if (config.SIJILL_CAMUNDA_AUTH === 'OAUTH') {
    if (!config.SIJILL_CAMUNDA_CLIENT_ID) missing.push('SIJILL_CAMUNDA_CLIENT_ID');
    if (!config.SIJILL_CAMUNDA_CLIENT_SECRET) missing.push('SIJILL_CAMUNDA_CLIENT_SECRET');
  }
  if (missing.length > 0) {
    throw new ConfigError(
      `SIJILL_ENGINE=camunda8 needs ${missing.join(', ')}: set the Camunda 8 cluster's REST address`
        + `${config.SIJILL_CAMUNDA_AUTH === 'OAUTH' ? ' and OAuth client credentials' : ''}, or set SIJILL_ENGINE=embedded`,
    );
  }
  const address = config.SIJILL_CAMUNDA_REST_ADDRESS;
  const settings: CamundaClientSettings = {
    CAMUNDA_REST_ADDRESS: address,
    ZEEBE_REST_ADDRESS: address,
    CAMUNDA_AUTH_STRATEGY: config.SIJILL_CAMUNDA_AUTH,
    CAMUNDA_LOG_LEVEL: 'error',
  };
  if (config.SIJILL_CAMUNDA_AUTH === 'OAUTH') {
    Object.assign(settings, {
      CAMUNDA_OAUTH_URL: config.SIJILL_CAMUNDA_OAUTH_URL,
      ZEEBE_CLIENT_ID: config.SIJILL_CAMUNDA_CLIENT_ID,
      ZEEBE_CLIENT_SECRET: config.SIJILL_CAMUNDA_CLIENT_SECRET,
      CAMUNDA_TOKEN_AUDIENCE: config.SIJILL_CAMUNDA_TOKEN_AUDIENCE,
    });
  }
  return settings;
}
