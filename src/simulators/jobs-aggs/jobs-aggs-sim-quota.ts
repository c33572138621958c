/** Daily quotas per client id and route, reset at midnight UTC on the simulator's clock. */
export class DailyQuota {
  private readonly used = new Map<string, number>();

  constructor(
    public limit: number,
    private readonly clock: () => number,
  ) {}

  /** Counts one request; returns the requests left today, or -1 when the quota was already used up (the request is refused). */
  consume(clientId: string, route: string): number {
    const key = `${clientId}\u0000${route}\u0000${Math.floor(this.clock() / 86_400_000)}`;
    const used = this.used.get(key) ?? 0;
    if (used >= this.limit) return -1;
    this.used.set(key, used + 1);
    return this.limit - used - 1;
  }
}
