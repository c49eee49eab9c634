import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { installCatalogue } from '../domain/catalogue.ts';
import { loadDemoCity } from '../demo/city.ts';
import { resumeUnstartedDossiers } from '../domain/dossiers/submit.ts';
import { bpmnDir, openRuntime } from '../runtime.ts';
import { startStack } from '../stack.ts';

export const serveHelp = `Usage: sijill serve [--no-workers] [--demo-city] [--port N]

Runs the HTTP server (API, screens, modeler, Camunda 8 REST subset under /v2),
the engine's timers, and every job worker in this process. Deploys the
procedures of bpmn/ first (an unchanged diagram keeps its version).

  --no-workers  run no job workers here (run 'sijill worker' elsewhere)
  --demo-city   load the demo city first (units, staff, applicants, demo PKI)
  --port N      HTTP port (default: SIJILL_PORT, 3000)
`;

export async function runServe(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { 'no-workers': { type: 'boolean', default: false }, 'demo-city': { type: 'boolean', default: false }, port: { type: 'string' }, help: { type: 'boolean', default: false } } });
  if (values.help) {
    process.stdout.write(serveHelp);
    return 0;
  }
  const config = loadConfig();
  const runtime = await openRuntime({ config });
  if (values['demo-city']) await loadDemoCity(runtime.ctx.db, runtime.ctx.pkiDir);
  await installCatalogue(runtime.ctx, bpmnDir);
  const stack = await startStack(runtime, { port: values.port ? Number(values.port) : config.SIJILL_PORT, ...(values['no-workers'] ? { workerTypes: [] } : {}) });
  await resumeUnstartedDossiers(runtime.ctx);
  process.stdout.write(`Sijill is serving on ${stack.url}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await stack.stop();
  await runtime.close();
  return 0;
}
