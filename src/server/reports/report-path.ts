import { REPORT_KEY_PATTERN } from '../../datasources/sciagraph/report-key';

/** What a raw `/reports/…` request path asks for (contract §9). */
export type ReportPathRequest =
  { kind: 'redirect'; location: string } | { kind: 'file'; reportKey: string; segments: string[] } | { kind: 'reject' };

const REJECT: ReportPathRequest = { kind: 'reject' };
// eslint-disable-next-line no-control-regex
const BAD_DECODED = /[/\\\u0000-\u001f\u007f]/;

/**
 * Checks a raw request URL (before any router normalisation) under `prefix` and splits it into a
 * report key and file segments: rejects `\`, encoded `/`, `\` or NUL in any case, segments that
 * decode to empty, `.`, `..`, or contain separators or control characters, and malformed keys.
 * `/reports/<key>` redirects to `/reports/<key>/`, which means `index.html`.
 */
export function parseReportPath(rawUrl: string, prefix = '/reports'): ReportPathRequest {
  const path = rawUrl.split('?', 1)[0] ?? '';
  if (!path.startsWith(`${prefix}/`) || path.includes('\\') || /%(2f|5c|00)/i.test(path)) return REJECT;
  const raw = path.slice(prefix.length + 1).split('/');
  const trailingSlash = raw.length > 1 && raw.at(-1) === '';
  if (trailingSlash) raw.pop();
  const segments: string[] = [];
  for (const segment of raw) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return REJECT;
    }
    if (decoded === '' || decoded === '.' || decoded === '..' || BAD_DECODED.test(decoded)) return REJECT;
    segments.push(decoded);
  }
  const [reportKey, ...file] = segments;
  if (reportKey === undefined || !REPORT_KEY_PATTERN.test(reportKey)) return REJECT;
  if (file.length === 0 && !trailingSlash) return { kind: 'redirect', location: `${prefix}/${reportKey}/` };
  if (file.length === 0) return { kind: 'file', reportKey, segments: ['index.html'] };
  if (trailingSlash) return REJECT;
  return { kind: 'file', reportKey, segments: file };
}
