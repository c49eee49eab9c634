// Wakes long-polling activations in other engine processes when this process
// creates jobs, through PostgreSQL NOTIFY (job-notifications.ts). Types are
// gathered for a few milliseconds and sent in one statement, so a burst of
// completions costs one notification per type, not one per job. A payload is
// "<sender id>:<job type>", and a process ignores its own notifications: it
// has woken its activations in memory already.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { listenForJobTypes, notifyJobTypes, type JobListener } from '../../db/engine/job-notifications.ts';
import type { Logger } from '../../log.ts';

/** How long job types are gathered before one NOTIFY, in ms. */
const gatherMs = 5;

export class JobSignals {
  private readonly db: Db;
  private readonly url: string;
  private readonly logger: Logger | undefined;
  private readonly wake: (type: string) => void;
  private readonly senderId = randomUUID();
  private readonly pending = new Set<string>();
  private flushTimer: NodeJS.Timeout | null = null;
  private listener: JobListener | null = null;

  /** `wake` wakes this process's activations waiting for a job type. */
  constructor(options: { db: Db; url: string; logger: Logger | undefined; wake: (type: string) => void }) {
    this.db = options.db;
    this.url = options.url;
    this.logger = options.logger;
    this.wake = options.wake;
  }

  async start(): Promise<void> {
    if (this.listener) return;
    this.listener = await listenForJobTypes(this.url, (payload) => this.receive(payload), (error) => {
      // NOTE: the listener does not reconnect; until the engine restarts, other processes' jobs are found by the re-read.
      this.logger?.error({ err: error }, 'job notification listener failed');
    });
  }

  async stop(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    await this.flush();
    await this.listener?.close();
    this.listener = null;
  }

  /** Queues a notification that jobs of the type were created (after their commit). */
  publish(type: string): void {
    this.pending.add(type);
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = null;
      void this.flush();
    }, gatherMs);
  }

  private async flush(): Promise<void> {
    const types = [...this.pending];
    this.pending.clear();
    try {
      await notifyJobTypes(this.db, types.map((type) => `${this.senderId}:${type}`));
    } catch (error) {
      this.logger?.error({ err: error, jobTypes: types }, 'notifying job types failed');
    }
  }

  private receive(payload: string): void {
    const separator = payload.indexOf(':');
    if (separator < 0 || payload.slice(0, separator) === this.senderId) return;
    this.wake(payload.slice(separator + 1));
  }
}
