// In-process lock per process instance. The row lock of lockInstance keeps
// other engine processes away, and this lock orders the steps within one
// process. That matters on PGlite: every query runs in one shared session
// there, so a row lock excludes nothing.
export class InstanceLocks {
  private readonly tails = new Map<string, Promise<void>>();

  /** Runs fn after every earlier fn of the same instance has settled. */
  async run<T>(instanceKey: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(instanceKey) ?? Promise.resolve();
    let release = (): void => undefined;
    const current = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => current);
    this.tails.set(instanceKey, tail);
    await previous;
    try {
      return await fn();
    } finally {
      release();
      if (this.tails.get(instanceKey) === tail) this.tails.delete(instanceKey);
    }
  }
}
