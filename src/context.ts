// Everything a request handler, a worker or the demo needs, built once per
// process by src/runtime.ts and passed down explicitly.
import type { Config } from './config.ts';
import type { Db } from './db/client.ts';
import type { WorkingCalendar } from './domain/calendar.ts';
import type { EnginePort } from './engine/port.ts';
import type { Logger } from './log.ts';
import type { BlobStore } from './storage/blob-store.ts';

export interface AppContext {
  config: Config;
  db: Db;
  blobs: BlobStore;
  engine: EnginePort;
  calendar: WorkingCalendar;
  logger: Logger;
  /** The current time; tests replace it to move the clock. */
  now: () => Date;
}
