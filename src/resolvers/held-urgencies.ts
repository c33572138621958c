/** Held jobs remembered at most (oldest forgotten first: their release falls back to the default 16). */
const MAX_HELD = 100_000;

/**
 * The urgency each job had before the gateway held it, so releaseJobs gives it back (Flux keeps
 * no such memory: its `urgency` events only say what was set). One per server, in memory; a job
 * held with `flux job urgency ID hold`, or before a restart, is released to the default 16.
 */
export class HeldUrgencies {
  private readonly before = new Map<bigint, number>();

  /** Remembers `urgency` as the job's urgency before its hold (a hold of a held job keeps the first). */
  held(id: bigint, urgency: number): void {
    if (urgency === 0) return;
    this.before.delete(id);
    this.before.set(id, urgency);
    if (this.before.size > MAX_HELD) this.before.delete(this.before.keys().next().value as bigint);
  }

  /** The urgency the job had before its hold, if the gateway held it. */
  get(id: bigint): number | undefined {
    return this.before.get(id);
  }

  /** Forgets the job (released, or its urgency set otherwise). */
  forget(id: bigint): void {
    this.before.delete(id);
  }
}
