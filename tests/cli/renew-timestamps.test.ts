// `sijill renew-timestamps` as an operator runs it: usage errors only here;
// tests/flow/demo-scenario.test.ts renews the demo's issued results.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

function runCli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [path.resolve('bin/sijill.js'), 'renew-timestamps', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('renew-timestamps help', () => {
  const { status, stdout } = runCli(['--help']);

  expect(status).toBe(0);
  expect(stdout).toContain('Usage: sijill renew-timestamps [--within-days N]');
});

test('renew-timestamps refuses a bad day count', () => {
  const { status, stderr } = runCli(['--within-days', 'soon']);

  expect(status).toBe(2);
  expect(stderr).toContain('invalid --within-days "soon"');
});
