// Shared by the benchmarks: the machine's description and the replacement of
// one "## Heading" section of docs/benchmarks.md, leaving the others as they are.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const benchmarksFile = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'benchmarks.md');

export function describeMachine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${cpu}, ${os.cpus().length} logical CPUs, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, Node ${process.version}, Linux ${os.release()}`;
}

/** Replaces the section that starts with `heading` (or appends it) and prints it. */
export function writeBenchmarkSection(heading: string, body: string): void {
  const section = `${heading}\n\n${body.trim()}\n`;
  const current = existsSync(benchmarksFile) ? readFileSync(benchmarksFile, 'utf8') : '# Benchmarks\n';
  const start = current.indexOf(`${heading}\n`);
  let updated: string;
  if (start < 0) {
    updated = `${current.trimEnd()}\n\n${section}`;
  } else {
    const next = current.indexOf('\n## ', start + heading.length);
    updated = current.slice(0, start) + section + (next < 0 ? '' : current.slice(next));
  }
  writeFileSync(benchmarksFile, updated);
  process.stdout.write(`${section}\n`);
}
