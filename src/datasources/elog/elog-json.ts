const NON_FINITE: ReadonlyArray<readonly [string, string]> = [
  ['-Infinity', '"-inf"'],
  ['Infinity', '"inf"'],
  ['NaN', '"nan"'],
];

/**
 * Parses explgbk JSON, which may hold bare `NaN`, `Infinity` and `-Infinity` (Python's
 * json.dumps). Those tokens, outside strings only, become the strings `"nan"`, `"inf"`,
 * `"-inf"` — the server's own spelling in `run_table_data`. Throws SyntaxError otherwise.
 */
export function parseElogJson(text: string): unknown {
  return JSON.parse(rewriteNonFinite(text));
}

function rewriteNonFinite(text: string): string {
  if (!/NaN|Infinity/.test(text)) return text;
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] as string;
    if (inString) {
      out += c;
      if (c === '\\') {
        out += text[i + 1] ?? '';
        i += 1;
      } else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      out += c;
      continue;
    }
    const token = NON_FINITE.find(([bare]) => text.startsWith(bare, i));
    if (token) {
      out += token[1];
      i += token[0].length - 1;
      continue;
    }
    out += c;
  }
  return out;
}

/** U+FF0E (fullwidth full stop) stands for `.` and U+FF04 (fullwidth dollar) for `$` in stored parameter names. */
export function unescapeParamName(name: string): string {
  return name.replace(/\uFF0E/g, '.').replace(/\uFF04/g, '$');
}

/** The inverse of {@link unescapeParamName}, as the server's `escape_chars_for_mongo` does. */
export function escapeParamName(name: string): string {
  return name.replace(/\./g, '\uFF0E').replace(/\$/g, '\uFF04');
}

/** Copies a params map with its keys unescaped; values are never touched. Non-objects give `{}`. */
export function unescapeParamKeys(params: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (params === null || typeof params !== 'object' || Array.isArray(params)) return out;
  for (const [key, value] of Object.entries(params)) out[unescapeParamName(key)] = value;
  return out;
}

const ELOG_DATE = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(\.\d{1,6})?(Z|[+-]\d\d:\d\d)?$/;

/**
 * Parses an explgbk date: Python `isoformat()` with 0–6 fraction digits and an optional offset
 * (none = UTC), e.g. `2024-03-15T02:13:07.512000+00:00`. Keeps millisecond precision.
 * Numbers are epoch seconds (`runs_for_calib`). Anything else gives `undefined`.
 */
export function parseElogDate(value: unknown): Date | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(Math.round(value * 1000));
  if (typeof value !== 'string') return undefined;
  const m = ELOG_DATE.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const ms = frac ? Math.floor(Number(`0${frac}`) * 1000 + 1e-6) : 0;
  let epoch = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    epoch -= sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
  }
  return new Date(epoch);
}
