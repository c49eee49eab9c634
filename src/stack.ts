// The whole system in one process: the HTTP server (API, screens, Camunda 8
// REST subset), the engine's background work, and every worker as an
// @camunda8/sdk job worker calling this server over REST. `sijill serve`,
// `sijill demo` and the end-to-end tests start it.
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './api/app.ts';
import { createSijillCamundaClient } from './engine/sdk-client.ts';
import type { Runtime } from './runtime.ts';
import { workerDefinitions, workerTypes } from '../workers/index.ts';
import { startWorkers, type RunningWorkers } from '../workers/runtime.ts';

export interface StackOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Task types to run workers for; all by default, none with []. */
  workerTypes?: string[];
}

export interface Stack {
  app: FastifyInstance;
  url: string;
  workers: RunningWorkers | null;
  stop(): Promise<void>;
}

export async function startStack(runtime: Runtime, options: StackOptions = {}): Promise<Stack> {
  const { ctx } = runtime;
  const app = await buildApp(ctx, { knownTaskTypes: workerTypes });
  const host = options.host ?? ctx.config.SIJILL_HOST;
  const port = options.port ?? ctx.config.SIJILL_PORT;
  try {
    await app.listen({ host, port });
  } catch (error) {
    await app.close();
    if ((error as { code?: unknown }).code === 'EADDRINUSE') {
      throw new Error(`port ${port} on ${host} is already in use: stop the program using it, or set SIJILL_PORT to a free port`, { cause: error });
    }
    throw error;
  }
  const address = app.server.address() as AddressInfo;
  const url = `http://${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}`;
  await ctx.engine.start();

  const types = options.workerTypes ?? workerTypes;
  const definitions = workerDefinitions.filter((definition) => types.includes(definition.type));
  const workers = definitions.length > 0 ? startWorkers(createSijillCamundaClient(ctx.config.ZEEBE_REST_ADDRESS ?? url), ctx, definitions) : null;
  ctx.logger.info({ url, workers: definitions.map((d) => d.type) }, 'sijill started');

  return {
    app,
    url,
    workers,
    async stop() {
      await workers?.stop();
      await ctx.engine.stop();
      await app.close();
    },
  };
}
