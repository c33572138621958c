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
