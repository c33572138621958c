import { z } from 'zod';

/**
 * Zod builders for settings that arrive as strings from the environment or CLI flags but as
 * typed values from a JSON/YAML config file: each accepts both and yields the typed value.
 */

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'on']);
const FALSE_WORDS = new Set(['0', 'false', 'no', 'off']);

/** An integer in [min, max]; strings such as `"4000"` are converted. */
export function envInt(min: number, max: number) {
  return z.preprocess(
    (value) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value),
    z.number().int().min(min).max(max),
  );
}

/** A boolean; strings `1/true/yes/on` and `0/false/no/off` (any case) are converted. */
export function envBoolean() {
  return z.preprocess((value) => {
    if (typeof value !== 'string') return value;
    const word = value.trim().toLowerCase();
    if (TRUE_WORDS.has(word)) return true;
    if (FALSE_WORDS.has(word)) return false;
    return value;
  }, z.boolean());
}

/** A list of strings; a string is split on `separator` (empty parts dropped). */
export function envList(separator: string) {
  return z.preprocess(
    (value) =>
      typeof value === 'string'
        ? value
            .split(separator)
            .map((part) => part.trim())
            .filter((part) => part !== '')
        : value,
    z.array(z.string().min(1)),
  );
}

/** Metadata key marking a setting whose value must never be printed or logged. */
export const SECRET = { secret: true } as const;
