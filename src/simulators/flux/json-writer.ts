/**
 * How one JSON writer formats leaves and separators; `jansson-json.ts` and `python-json.ts`
 * are its two styles.
 */
export interface JsonStyle {
  /** Between array items and object members: `,` or `, `. */
  itemSeparator: string;
  /** Between a key and its value: `:` or `: `. */
  keySeparator: string;
  string(s: string): string;
  real(x: number): string;
  /** Whether an integral number under `key` is written as a real. */
  integralIsReal(key: string | undefined, value: number): boolean;
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

/** Writes `value` (plain objects, arrays, strings, numbers, bigints, booleans, null) in `style`. */
export function writeJson(value: unknown, style: JsonStyle, key?: string): string {
  switch (typeof value) {
    case 'string':
      return style.string(value);
    case 'number':
      return Number.isInteger(value) && !style.integralIsReal(key, value) ? String(value) : style.real(value);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) return `[${value.map((v) => writeJson(v, style, key)).join(style.itemSeparator)}]`;
      const parts: string[] = [];
      for (const [k, v] of Object.entries(value)) {
        if (v !== undefined) parts.push(`${style.string(k)}${style.keySeparator}${writeJson(v, style, k)}`);
      }
      return `{${parts.join(style.itemSeparator)}}`;
    }
    default:
      throw new TypeError(`writeJson: cannot encode a ${typeof value}`);
  }
}

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
