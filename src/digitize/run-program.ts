// Runs an external program with a time limit. The child gets its own process
// group, so a timeout kills the program together with everything it started
// (OCRmyPDF runs Tesseract, Ghostscript and unpaper as children).
import { spawn } from 'node:child_process';
import { OcrFailure } from './ocr-failure.ts';

export interface RunOptions {
  timeoutMs: number;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Aborting kills the program's process group; the run then resolves with signal SIGKILL. */
  signal?: AbortSignal;
  /** Keep what the program writes to stdout in `stdout`. @default false (stdout is discarded) */
  captureStdout?: boolean;
}

export interface RunResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** Last 16 KiB the program wrote to stderr. */
  stderr: string;
  /** Everything the program wrote to stdout when `captureStdout` is set; otherwise empty. */
  stdout: string;
}

const stderrTailBytes = 16 * 1024;

/**
 * Runs `program` and resolves when it exits, whatever its exit code.
 * Throws OcrFailure `digitize.timed_out` after killing its process group when
 * the time limit passes, and `digitize.tool_missing` when it cannot be started.
 */
export function runProgram(program: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const name = program.split('/').pop() ?? program;
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', options.captureStdout === true ? 'pipe' : 'ignore', 'pipe'] });
    let stderr = '';
    let stdout = '';
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      stdout += chunk;
    });
    let timedOut = false;

    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-stderrTailBytes);
    });

    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, options.timeoutMs);
    const abort = (): void => killGroup(child.pid);
    options.signal?.addEventListener('abort', abort, { once: true });
    if (options.signal?.aborted === true) abort();

    // Children left behind by a program that died would hold stderr open and keep running.
    child.on('exit', () => killGroup(child.pid));
    child.on('error', (error) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', abort);
      reject(new OcrFailure('digitize.tool_missing', { program: name, stderr: error.message }, { cause: error }));
    });
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', abort);
      if (timedOut) {
        reject(new OcrFailure('digitize.timed_out', { program: name, timeoutMs: options.timeoutMs, signal, stderr }));
        return;
      }
      resolve({ exitCode, signal, stderr, stdout });
    });
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // The group has already exited.
  }
}
