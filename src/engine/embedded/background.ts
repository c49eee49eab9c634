// Background work of one engine process: fire due timers, return jobs whose
// lock ran out, drop expired buffered messages. Several engine processes may
// run it against one database; a timer fires once because firing deletes its
// row inside the instance's locked step (claimTimer).
import type { Db } from '../../db/client.ts';
import { releaseExpiredJobs } from '../../db/engine/jobs.ts';
import { deleteExpiredMessages } from '../../db/engine/messages.ts';
import { listDueTimers, type TimerRow } from '../../db/engine/timers.ts';
import type { Logger } from '../../log.ts';

export interface BackgroundOptions {
  db: Db;
  intervalMs: number;
  logger: Logger | undefined;
  fireTimer(timer: TimerRow): Promise<boolean>;
  onJobsReleased(types: string[]): void;
}

/** Due timers fired per tick at most; the next tick continues. */
const timersPerTick = 100;
/** Job locks and buffered messages are checked every this many ticks. */
const housekeepingEvery = 4;

export class Background {
  private readonly options: BackgroundOptions;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private ticks = 0;

  constructor(options: BackgroundOptions) {
    this.options = options;
  }

  start(): void {
    if (this.timer) return;
    this.schedule();
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => {
        this.running = null;
        if (this.timer) this.schedule();
      });
    }, this.options.intervalMs);
  }

  /** Runs one round of background work now. */
  async tick(): Promise<void> {
    const { db, logger } = this.options;
    try {
      for (const due of await listDueTimers(db, timersPerTick)) {
        await this.options.fireTimer(due).catch((error: unknown) => {
          logger?.error({ err: error, processInstanceKey: due.instanceKey, elementId: due.elementId }, 'firing timer failed');
        });
      }
      if (this.ticks++ % housekeepingEvery === 0) {
        const types = await releaseExpiredJobs(db);
        if (types.length > 0) this.options.onJobsReleased(types);
        await deleteExpiredMessages(db);
      }
    } catch (error) {
      logger?.error({ err: error }, 'engine background work failed');
    }
  }
}
