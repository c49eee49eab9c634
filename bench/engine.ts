// Benchmark of the embedded engine end to end: a process of 5 service tasks
// in sequence, worked by @camunda8/sdk job workers over the Camunda REST
// subset (Fastify on 127.0.0.1). Two layouts: the workers in the engine's
// process, or in a second process (bench/engine-workers.ts), so that the
// engine and the workers use both cores. State lives in the PostgreSQL server
// and, for reference, in PGlite. Prints tasks completed per second and writes
// the "## Engine" section of docs/benchmarks.md.
//   node bench/engine.ts [instances] [--no-write] [--state=server] [--layout=two] [--request-log-level=info]
// instances: 1000 by default. --state runs only the PostgreSQL server or only
// PGlite, --layout only one or two processes (default both, for each). --request-log-level sets the log level of the /v2
// routes (default warn, as src/api/app.ts sets it; info logs every request).
// SIJILL_BENCH_DATABASE_URL names the server's admin database
// (default postgres://postgres:postgres@127.0.0.1:5432/postgres).
import Fastify, { type LogLevel } from 'fastify';
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { pino } from 'pino';
import { camundaRestPlugin } from '../src/api/camunda/plugin.ts';
import { openDb, type Db } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { EmbeddedEngine } from '../src/engine/embedded/engine.ts';
import { createSijillCamundaClient } from '../src/engine/sdk-client.ts';
import { maxParallelJobs, sequenceXml, startBenchWorkers } from './engine-setup.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const adminUrl = process.env.SIJILL_BENCH_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres';
const benchDatabase = 'sijill_bench_engine';
const taskCount = 5;
/** Instance creations in flight at once. */
const creationsInFlight = 16;

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'no-write': { type: 'boolean', default: false },
    state: { type: 'string', default: 'both' },
    layout: { type: 'string', default: 'both' },
    'request-log-level': { type: 'string', default: 'warn' },
  },
});
const instances = Number(positionals[0] ?? 1000);
const logLevels: LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const requestLogLevel = logLevels.find((level) => level === options['request-log-level']);
if (!requestLogLevel) throw new Error(`--request-log-level must be one of ${logLevels.join(', ')}, not ${options['request-log-level']}`);

type Layout = 'one process' | 'two processes';
type DbKind = 'server' | 'embedded';

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function openBenchDb(kind: DbKind): Promise<{ db: Db; url: string | null }> {
  if (kind === 'embedded') {
    const db = await openDb({ embeddedDir: 'memory://' });
    await migrate(db);
    return { db, url: null };
  }
  await adminQuery(`DROP DATABASE IF EXISTS ${benchDatabase} WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE ${benchDatabase}`);
  const url = new URL(adminUrl);
  url.pathname = `/${benchDatabase}`;
  const db = await openDb({ url: url.toString(), maxConnections: 10 });
  await migrate(db);
  return { db, url: url.toString() };
}

/** Starts the workers of the two-process layout and waits until they poll. */
async function startWorkerProcess(address: string): Promise<ChildProcessWithoutNullStreams> {
  const child = spawn(process.execPath, [path.join(root, 'bench', 'engine-workers.ts'), address, String(taskCount)], { stdio: 'pipe' });
  child.stderr.pipe(process.stderr);
  const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
  if (!chunk.toString().includes('ready')) throw new Error(`bench workers did not start: ${chunk.toString()}`);
  return child;
}

/** Stops the worker process and returns the CPU time it used, in ms. */
async function stopWorkerProcess(child: ChildProcessWithoutNullStreams): Promise<number> {
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.kill('SIGTERM');
  await once(child, 'exit');
  const report = JSON.parse(output.trim().split('\n').pop() ?? '{}') as { cpuMs?: number };
  return report.cpuMs ?? Number.NaN;
}

interface Result {
  layout: Layout;
  kind: DbKind;
  tasksPerSecond: number;
  seconds: number;
  /** CPU time per task of the engine's process, in ms. */
  engineCpuMs: number;
  /** CPU time per task of the worker process, in ms; NaN in the one-process layout. */
  workerCpuMs: number;
  /** HTTP requests the engine's server answered per task. */
  requestsPerTask: number;
}

async function run(layout: Layout, kind: DbKind): Promise<Result> {
  const { db, url } = await openBenchDb(kind);
  // As src/engine/select.ts builds it: with NOTIFY to other engine processes on a PostgreSQL server.
  const engine = new EmbeddedEngine({ db, ...(url ? { notifyUrl: url } : {}) });
  await engine.start();
  // A pino logger as the app has one; its lines go to /dev/null, so the benchmark measures formatting, not the disk.
  const app = Fastify({ loggerInstance: pino({ level: 'info' }, pino.destination('/dev/null')) });
  await app.register(camundaRestPlugin, { prefix: '/v2', engine, logLevel: requestLogLevel });
  let requests = 0;
  app.addHook('onRequest', async () => {
    requests++;
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  await engine.deploy([{ name: 'bench.bpmn', xml: sequenceXml(taskCount) }]);

  const client = createSijillCamundaClient(address);
  const workers = layout === 'two processes' ? await startWorkerProcess(address) : null;
  if (!workers) startBenchWorkers(client, taskCount);

  const cpuBefore = process.cpuUsage();
  const requestsBefore = requests;
  const started = performance.now();
  const creations = [];
  for (let index = 0; index < instances; index++) {
    creations.push(engine.createProcessInstance({ bpmnProcessId: 'bench-sequence', variables: { index } }));
    if (creations.length >= creationsInFlight) await Promise.all(creations.splice(0));
  }
  await Promise.all(creations);
  for (;;) {
    const { total } = await engine.searchProcessInstances({ state: 'COMPLETED', limit: 1 });
    if (total >= instances) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const requestsDuring = requests - requestsBefore;

  const workerCpu = workers ? await stopWorkerProcess(workers) : Number.NaN;
  client.stopAllWorkers();
  await engine.stop();
  await app.close();
  await db.close();
  if (kind === 'server') await adminQuery(`DROP DATABASE IF EXISTS ${benchDatabase} WITH (FORCE)`);
  const tasks = instances * taskCount;
  return {
    layout, kind, seconds, tasksPerSecond: tasks / seconds,
    engineCpuMs: (cpu.user + cpu.system) / 1000 / tasks, workerCpuMs: workerCpu / tasks, requestsPerTask: requestsDuring / tasks,
  };
}

async function postgresVersion(): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const result = await client.query<{ server_version: string }>('SHOW server_version');
    return result.rows[0]?.server_version ?? 'unknown';
  } finally {
    await client.end();
  }
}

function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  let distribution: string = os.platform();
  try {
    distribution = execFileSync('sh', ['-c', '. /etc/os-release && echo "$PRETTY_NAME"']).toString().trim();
  } catch {
    // os-release is missing outside Linux; the platform name stays.
  }
  return `${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, ${distribution}`;
}

function writeSection(body: string): void {
  const file = path.join(root, 'docs', 'benchmarks.md');
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const section = `## Engine\n\n${body.trim()}\n`;
  const pattern = /## Engine\n[\s\S]*?(?=\n## |$)/;
  const next = pattern.test(current) ? current.replace(pattern, section) : `${current.trimEnd()}\n\n${section}`;
  writeFileSync(file, next.endsWith('\n') ? next : `${next}\n`);
}

const loadAtStart = os.loadavg().map((load) => load.toFixed(2)).join(', ');
const runs = ([['two processes', 'server'], ['one process', 'server'], ['two processes', 'embedded'], ['one process', 'embedded']] as [Layout, DbKind][])
  .filter(([, kind]) => options.state === 'both' || options.state === kind)
  .filter(([layout]) => options.layout === 'both' || layout.startsWith(options.layout));
if (runs.length === 0) throw new Error(`--state must be server, embedded or both, and --layout one, two or both, not ${options.state} and ${options.layout}`);
const results: Result[] = [];
for (const [layout, kind] of runs) {
  const result = await run(layout, kind);
  results.push(result);
  console.log(`${layout}, ${kind}: ${result.tasksPerSecond.toFixed(0)} tasks/s (${instances} instances x ${taskCount} tasks in ${result.seconds.toFixed(2)} s; CPU per task: engine ${result.engineCpuMs.toFixed(2)} ms, workers ${result.workerCpuMs.toFixed(2)} ms; ${result.requestsPerTask.toFixed(2)} requests per task)`);
}
if (options['no-write']) process.exit(0);

const version = await postgresVersion();
const rows = results.map((result) => {
  const state = result.kind === 'server' ? `PostgreSQL ${version} server` : 'PGlite (in-process, for reference)';
  const workerCpu = Number.isNaN(result.workerCpuMs) ? '(in the engine process)' : `${result.workerCpuMs.toFixed(2)} ms`;
  return `| ${result.layout} | ${state} | ${result.tasksPerSecond.toFixed(0)} | ${result.seconds.toFixed(2)} s | ${result.engineCpuMs.toFixed(2)} ms | ${workerCpu} | ${result.requestsPerTask.toFixed(2)} |`;
});
writeSection(`
Tasks completed per second, end to end: a process of ${taskCount} service tasks in sequence,
${instances} instances started through the engine port (${creationsInFlight} creations in flight), each task
completed by an @camunda8/sdk 8.8 REST job worker (Orchestration Cluster API client,
${maxParallelJobs} jobs in parallel per task type, long polling) through the Camunda REST subset
served by Fastify on 127.0.0.1, with pino request logs at ${requestLogLevel} on /v2. The time runs
from the first creation to the last completed instance. "Two processes" runs the workers in a
second Node process (\`bench/engine-workers.ts\`); "one process" runs them in the engine's.
CPU per task is process CPU time (user + system) divided by the tasks completed.

| Layout | State in | Tasks/s | Wall time | Engine process CPU per task | Worker process CPU per task | HTTP requests per task |
|---|---|---|---|---|---|---|
${rows.join('\n')}

Machine: ${machine()}; Node ${process.version}; load average at start ${loadAtStart}
(1, 5, 15 minutes; other work shared the machine, so wall times vary from run to run more than
CPU per task does). Command: \`node bench/engine.ts ${instances}\` (writes this section).

Before plain hops (docs/decisions/0002), the same benchmark with 400 instances and the workers
in the engine's process completed 103–117 tasks/s with the PostgreSQL server, and the engine
called without HTTP used about 3.3 ms of CPU per task. Where the time of a task goes now: docs/engine.md, "Where the
time of a task goes". PGlite runs PostgreSQL in WebAssembly inside the engine's process, which
costs about 3 ms of that process's CPU per task; it is the one-process default, not the
scale-out setup.
`);
