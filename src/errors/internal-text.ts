/** ISO 8601 timestamps ("retry after 2026-12-07T00:00:00.000Z") are not addresses; they are removed before the checks. */
const TIMESTAMP = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/g;

/**
 * What an error text may not show a caller who is not an operator, each with why: where a
 * backend runs (URI, address, port, host name), where files are (absolute path, socket) and
 * what the gateway runs (commands).
 */
const INTERNAL_PATTERNS: ReadonlyArray<readonly [string, RegExp]> = [
  ['URI', /[a-z][a-z0-9+.-]*:\/\//i],
  ['IPv4 address', /(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?![\w.])/],
  ['IPv6 address', /(?<![\w:])(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}(?![\w:])/i],
  ['port', /[\w\]]:\d{2,5}(?!\d)/],
  ['absolute path', /(?:^|[\s(=,'"[:])\/(?:[\w.@+-]+\/)*[\w.@+-]+/],
  ['socket', /\.sock(?:et)?\b/i],
  [
    'host name',
    /\b(?:localhost|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:internal|local|localdomain|lan|corp|example|test|invalid))\b/i,
  ],
  ['command', /\b(?:spawn|getent|ssh|sudo|flux relay|flux-relay)\b/i],
];

/**
 * Why `text` would reveal the gateway's internals to a caller who is not an operator (the first
 * kind found: "URI", "IPv4 address", "absolute path", …), or undefined when it names none. A
 * safety net under the worded messages: a message or extension that trips it is replaced or
 * withheld (see formatJobgraphError).
 */
export function internalsIn(text: string): string | undefined {
  const checked = text.replace(TIMESTAMP, 'T');
  for (const [kind, pattern] of INTERNAL_PATTERNS) {
    if (kind === 'IPv6 address') {
      const match = pattern.exec(checked)?.[0];
      // "a:b:c" is a list or a ratio; an address has "::" or at least four groups with a hex digit.
      if (match && (match.includes('::') || (match.split(':').length > 4 && /[0-9a-f]/i.test(match)))) return kind;
      continue;
    }
    if (pattern.test(checked)) return kind;
  }
  return undefined;
}
