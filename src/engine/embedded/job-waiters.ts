// Long polling for job activation: an activation that found no job waits
// here until a job of its type is created by this process, or until the
// re-check interval passes (jobs created by another engine process, back-offs
// running out), or until its request timeout.
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
