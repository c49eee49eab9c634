// Long polling for job activation. An activation that found no job waits
// here until this process creates a job of its type, or until the re-check
// interval passes. The re-check finds jobs that another engine process
// created and back-offs that ran out; the request timeout ends the wait.
export class JobWaiters {
  private readonly waiters = new Map<string, Set<() => void>>();

  /** Resolves on a notification for the type or after `ms`. */
  wait(type: string, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const set = this.waiters.get(type) ?? new Set();
      this.waiters.set(type, set);
      const done = (): void => {
        clearTimeout(timer);
        set.delete(done);
        if (set.size === 0 && this.waiters.get(type) === set) this.waiters.delete(type);
        resolve();
      };
      const timer = setTimeout(done, ms);
      set.add(done);
    });
  }

  notify(type: string): void {
    for (const done of [...(this.waiters.get(type) ?? [])]) done();
  }

  notifyAll(): void {
    for (const type of [...this.waiters.keys()]) this.notify(type);
  }
}
