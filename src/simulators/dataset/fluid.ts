/**
 * RFC 19 FLUIDs for the simulated instance: `[timestamp 40 | generator 14 | sequence 10]`,
 * the timestamp in ms since the instance epoch. A generator hands out strictly increasing ids
 * for non-decreasing submit times, as job-ingest on rank 0 does.
 */
export class FluidGenerator {
  private lastMs = -1n;
  private seq = 0n;

  /** @param generatorId the 14-bit generator (job-ingest uses the broker rank; 0 here). */
  constructor(private readonly generatorId = 0) {}

  /** The id for a job submitted `msSinceEpoch` ms after the instance epoch (integer, >= 0). */
  next(msSinceEpoch: number): bigint {
    let ms = BigInt(Math.floor(msSinceEpoch));
    if (ms < this.lastMs) ms = this.lastMs;
    if (ms === this.lastMs) {
      this.seq += 1n;
      if (this.seq > 1023n) {
        ms += 1n;
        this.seq = 0n;
      }
    } else {
      this.seq = 0n;
    }
    this.lastMs = ms;
    return (ms << 24n) | (BigInt(this.generatorId) << 10n) | this.seq;
  }
}
