// Job workers of the engine benchmark, run as a second process in the
// two-process layout: @camunda8/sdk REST workers for the benchmark's task
// types against the engine's REST API at the given address. Prints "ready"
// once the workers poll, and on SIGTERM stops them and prints its CPU time
// as JSON ({"cpuMs": n}).
//   node bench/engine-workers.ts ADDRESS TASK_COUNT
import { createSijillCamundaClient } from '../src/engine/sdk-client.ts';
import { startBenchWorkers } from './engine-setup.ts';

const [address, taskCount] = process.argv.slice(2);
if (!address || !taskCount) {
  process.stderr.write('usage: node bench/engine-workers.ts ADDRESS TASK_COUNT\n');
  process.exit(2);
}
const client = createSijillCamundaClient(address);
startBenchWorkers(client, Number(taskCount));
process.stdout.write('ready\n');
process.once('SIGTERM', () => {
  client.stopAllWorkers();
  const cpu = process.cpuUsage();
  process.stdout.write(`${JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000 })}\n`);
  process.exit(0);
});
