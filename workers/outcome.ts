// How a handler settles its job. A JobOutcome can only be made by complete,
// fail or bpmnError, and every handler must return one, so a code path that
// forgets to settle its job does not compile.
//   complete  — the work is done; variables merge into the process.
//   fail      — a technical failure (OCR crashed, TSA down): the engine retries
//               after the back-off, then raises an incident.
//   wait      — not yet (a deadline that moved): the engine offers the job
//               again after the back-off, without using up a retry.
//   bpmnError — a business outcome the diagram routes (document illegible,
//               signature invalid); no catching event means an incident.
import type { Variables } from '../src/engine/port.ts';

type Settlement =
  | { kind: 'complete'; variables: Variables }
  | { kind: 'fail'; message: string; retryBackOffMs: number; keepRetries: boolean }
  | { kind: 'bpmn-error'; code: string; message: string; variables: Variables };

export class JobOutcome {
  readonly settlement: Settlement;

  private constructor(settlement: Settlement) {
    this.settlement = settlement;
  }

  static complete(variables: Variables = {}): JobOutcome {
    return new JobOutcome({ kind: 'complete', variables });
  }

  /** @param retryBackOffMs wait before the next attempt, 5 s by default */
  static fail(message: string, retryBackOffMs = 5_000): JobOutcome {
    return new JobOutcome({ kind: 'fail', message, retryBackOffMs, keepRetries: false });
  }

  /** @param retryBackOffMs wait before the job is offered again */
  static wait(message: string, retryBackOffMs: number): JobOutcome {
    return new JobOutcome({ kind: 'fail', message, retryBackOffMs, keepRetries: true });
  }

  static bpmnError(code: string, message: string, variables: Variables = {}): JobOutcome {
    return new JobOutcome({ kind: 'bpmn-error', code, message, variables });
  }
}
