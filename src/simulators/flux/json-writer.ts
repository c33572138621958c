/**
 * How one JSON writer formats leaves and separators; `jansson-json.ts` and `python-json.ts`
 * hold its styles as module constants, so a dump allocates no style or closure.
 */
export interface JsonStyle {
  /** Between array items and object members: `,` or `, `. */
  itemSeparator: string;
  /** An object member's key as written, with the key separator: `"key":` or `"key": `. */
  member(key: string): string;
  string(s: string): string;
  real(x: number): string;
}

/** At most this many members' texts are kept per style (the keys seen first). */
const MEMBER_CACHE_LIMIT = 4096;

/**
 * Memoises `format` for a style's member texts: JSON keys repeat (`timestamp`, `type`,
 * `count`…). The cache stops growing at 4,096 keys, so odd key sets cost no memory.
 */
export function cachedMembers(format: (key: string) => string): (key: string) => string {
  const cache = new Map<string, string>();
  return (key) => {
    let text = cache.get(key);
    if (text === undefined) {
      text = format(key);
      if (cache.size < MEMBER_CACHE_LIMIT) cache.set(key, text);
    }
    return text;
  };
}

/**
 * Which integral numbers are written as reals: the keys whose numbers are reals, or a test
 * on key and value (e.g. the CLI's `duration`, a real unless 0).
 */
export type RealRule = ReadonlySet<string> | ((key: string, value: number) => boolean);

/** Applies a {@link RealRule}. */
export function integralIsReal(rule: RealRule, key: string | undefined, value: number): boolean {
  if (key === undefined) return false;
  return typeof rule === 'function' ? rule(key, value) : rule.has(key);
}

/**
 * Writes `value` (plain objects, arrays, strings, numbers, bigints, booleans, null) in `style`
 * (members in for-in order: an object's own keys, as no plain object inherits enumerable ones);
 * an integral number is a real when `reals` names `key` (its member's key; array items take
 * their array's key). Object members whose value is `undefined` are left out.
 */
export function writeJson(value: unknown, style: JsonStyle, reals: RealRule, key?: string): string {
  switch (typeof value) {
    case 'string':
      return style.string(value);
    case 'number':
      return Number.isInteger(value) && !integralIsReal(reals, key, value) ? String(value) : style.real(value);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      return Array.isArray(value)
        ? writeArray(value, style, reals, key)
        : writeObject(value as Record<string, unknown>, style, reals);
    default:
      throw new TypeError(`writeJson: cannot encode a ${typeof value}`);
  }
}

function writeArray(items: readonly unknown[], style: JsonStyle, reals: RealRule, key: string | undefined): string {
  let out = '[';
  for (let i = 0; i < items.length; i++) {
    if (i > 0) out += style.itemSeparator;
    out += writeJson(items[i], style, reals, key);
  }
  return `${out}]`;
}

function writeObject(obj: Record<string, unknown>, style: JsonStyle, reals: RealRule): string {
  let out = '{';
  let first = true;
  for (const k in obj) {
    const v = obj[k];
    if (v === undefined) continue;
    if (!first) out += style.itemSeparator;
    first = false;
    out += style.member(k) + writeJson(v, style, reals, k);
  }
  return `${out}}`;
}

/** Below this length a character loop beats `JSON.stringify`'s call overhead when writing a string literal. */
export const SHORT_STRING = 64;

/** The two-character escapes both jansson and Python use. */
export const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};
