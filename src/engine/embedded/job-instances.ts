// The instance of each job this process activated, so that completing the
// job can take the instance's lock without first reading the job row. A
// job's instance never changes, so an entry is never wrong, only missing:
// the engine then reads the job row. Oldest entries are dropped first.
export class JobInstances {
  private readonly instances = new Map<string, string>();
  private readonly maxEntries: number;

  constructor(maxEntries = 10_000) {
    this.maxEntries = maxEntries;
  }

  remember(jobKey: string, instanceKey: string): void {
    this.instances.delete(jobKey);
    this.instances.set(jobKey, instanceKey);
    if (this.instances.size > this.maxEntries) {
      const oldest = this.instances.keys().next().value;
      if (oldest !== undefined) this.instances.delete(oldest);
    }
  }

  get(jobKey: string): string | undefined {
    return this.instances.get(jobKey);
  }

  forget(jobKey: string): void {
    this.instances.delete(jobKey);
  }
}
