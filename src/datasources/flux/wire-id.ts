const TWO_64 = 2n ** 64n;
const TWO_63 = 2n ** 63n;

/**
 * Reads a job id as it travels in JSON (§8 of the Flux contract): jansson holds signed 64-bit
 * integers, so ids ≥ 2^63 arrive as their two's-complement negative. Returns the unsigned id.
 * Throws a RangeError for values outside signed 64 bits or non-integers.
 */
export function fromWireId(value: unknown): bigint {
  let n: bigint;
  if (typeof value === 'bigint') n = value;
  else if (typeof value === 'number' && Number.isSafeInteger(value)) n = BigInt(value);
  else throw new RangeError(`job id must be an integer, got ${String(value)}`);
  if (n < -TWO_63 || n >= TWO_63) throw new RangeError(`job id ${n} is outside signed 64 bits`);
  return n < 0n ? n + TWO_64 : n;
}

/** Writes an unsigned 64-bit id for JSON: ids ≥ 2^63 become negative (two's complement). */
export function toWireId(id: bigint): bigint {
  if (id < 0n || id >= TWO_64) throw new RangeError(`job id ${id} is outside unsigned 64 bits`);
  return id >= TWO_63 ? id - TWO_64 : id;
}
