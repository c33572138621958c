import { parseReportJson } from '../../../src/datasources/sciagraph/report-json.schema';
import { canonicalJobId } from '../../../src/datasources/sciagraph/report-job-id';
import { decodeReportCursor, encodeReportCursor } from '../../../src/datasources/sciagraph/report-page';
import { reportKeyOf, REPORT_KEY_PATTERN } from '../../../src/datasources/sciagraph/report-key';
import { Registry } from 'prom-client';
import { registerSciagraphMetrics } from '../../../src/datasources/sciagraph/sciagraph.metrics';
import { profileResultInputSchema } from '../../../src/datasources/sciagraph/profile-result.schema';

const NOW = Date.UTC(2026, 0, 1);
const good = {
  start_time_secs_since_epoch: 1741183331,
  duration_ms: 4827316,
  id: 'ƒyUCingAT8U',
  peak_memory_kb: 11927552,
};

describe('parseReportJson (contract §3.1)', () => {
  it('accepts the contract example, with unknown keys and \\u0192', () => {
    const text = JSON.stringify({ ...good, extra: true }).replace('ƒ', '\\u0192');
    expect(parseReportJson(text, NOW)).toEqual({
      ok: true,
      report: { startedAtMs: 1741183331000, durationMs: 4827316, peakMemoryKiB: 11927552, rawId: 'ƒyUCingAT8U' },
    });
  });
  it('rounds a fractional start to milliseconds and turns a safe number id into text', () => {
    const outcome = parseReportJson(
      JSON.stringify({ ...good, start_time_secs_since_epoch: 1741183331.2346, id: 419432471247 }),
      NOW,
    );
    expect(outcome).toMatchObject({ ok: true, report: { startedAtMs: 1741183331235, rawId: '419432471247' } });
  });
  it.each([
    ['truncated', '{"start_time_secs_since_epoch": 17', true],
    ['an array', '[1,2]', true],
    ['a start before 2000', JSON.stringify({ ...good, start_time_secs_since_epoch: 946684799 }), false],
    ['a start over a day ahead', JSON.stringify({ ...good, start_time_secs_since_epoch: NOW / 1000 + 86_401 }), false],
    ['a negative duration', JSON.stringify({ ...good, duration_ms: -1 }), false],
    ['a duration over 10 years', JSON.stringify({ ...good, duration_ms: 3.3e11 }), false],
    ['a fractional peak', JSON.stringify({ ...good, peak_memory_kb: 1.5 }), false],
    [
      'an unsafe number id',
      '{"start_time_secs_since_epoch":1741183331,"duration_ms":1,"peak_memory_kb":1,"id":18446744073709551000}',
      false,
    ],
    ['a 257-character id', JSON.stringify({ ...good, id: 'x'.repeat(257) }), false],
    ['a missing duration', JSON.stringify({ ...good, duration_ms: undefined }), false],
  ])('rejects %s', (_name, text, unparsable) => {
    expect(parseReportJson(text, NOW)).toMatchObject({ ok: false, unparsable });
  });
  it.each([null, undefined, '', '  Unknown ', 'Unknown, see docs to learn how to set this'])(
    'treats id %p as no id',
    (id) => {
      expect(parseReportJson(JSON.stringify({ ...good, id }), NOW)).toMatchObject({
        ok: true,
        report: { rawId: undefined },
      });
    },
  );
  it('keeps peaks above 2^31-1 (the resolver rejects them)', () => {
    expect(parseReportJson(JSON.stringify({ ...good, peak_memory_kb: 2 ** 33 }), NOW)).toMatchObject({
      ok: true,
      report: { peakMemoryKiB: 2 ** 33 },
    });
  });
});

describe('canonicalJobId (contract §4)', () => {
  it.each([
    'ƒyUCingAT8U',
    'fyUCingAT8U',
    ' 419432471247981585 ',
    '0x5d21f9c40000c11',
    '05d2.1f9c.4000.0c11',
    'job.05d2.1f9c.4000.0c11',
  ])('%p names job 419432471247981585', (text) => {
    expect(canonicalJobId(text)).toEqual({
      jobKey: '419432471247981585',
      jobId: 'ƒyUCingAT8U',
      fluxId: 419432471247981585n,
    });
  });
  it('handles ids near 2^64', () => {
    expect(canonicalJobId('18446744073709551000')).toEqual({
      jobKey: '18446744073709551000',
      jobId: 'ƒjpXCZedGfJo',
      fluxId: 18446744073709551000n,
    });
  });
  it.each(['nightly-etl-2024-05-06', 'slurm-8812345.0', '5e0e6a2c-2b3f-11ef-9b7c-0242ac120002'])(
    'keeps %p as text',
    (text) => {
      expect(canonicalJobId(text)).toEqual({ jobKey: text, jobId: text, fluxId: undefined });
    },
  );
});

describe('report keys and cursors', () => {
  it('derives a stable 22-character key from root and directory', () => {
    const key = reportKeyOf('/reports', 'alice/ƒyUCingAT8U/0');
    expect(key).toMatch(REPORT_KEY_PATTERN);
    expect(reportKeyOf('/reports', 'alice/ƒyUCingAT8U/0')).toBe(key);
    expect(reportKeyOf('/reports', 'alice/ƒyUCingAT8U/1')).not.toBe(key);
  });
  it('round-trips a cursor and rejects garbage', () => {
    const position = { startedAtMs: 1741183331000, reportKey: reportKeyOf('/r', 'a') };
    expect(decodeReportCursor(encodeReportCursor(position))).toEqual(position);
    expect(() => decodeReportCursor('bm9wZQ')).toThrow(/cursor/);
  });
});

describe('ProfileResultInput validation (contract §8)', () => {
  const input = {
    jobId: 'ƒyUCingAT8U',
    jobTime: '2025-03-05T14:02:11+00:00',
    downloadKey: '476e2b1a-8c3b-4c25-bff7-b69860b1200a',
    decryptionKey: 'a'.repeat(51) + '=',
  };
  it('accepts both keys or neither', () => {
    expect(profileResultInputSchema.safeParse(input).success).toBe(true);
    expect(profileResultInputSchema.safeParse({ ...input, downloadKey: null, decryptionKey: null }).success).toBe(true);
  });
  it.each([
    ['one key only', { ...input, decryptionKey: null }],
    ['a time without offset', { ...input, jobTime: '2025-03-05T14:02:11' }],
    ['a key with a space', { ...input, downloadKey: 'a b' }],
    ['a negative peak', { ...input, peakMemoryKiB: -1 }],
    ['an empty id', { ...input, jobId: '  ' }],
  ])('rejects %s', (_name, value) => {
    expect(profileResultInputSchema.safeParse(value).success).toBe(false);
  });
});

describe('registerSciagraphMetrics', () => {
  it('exposes report counts by status and root health at scrape time', async () => {
    const registry = new Registry();
    registerSciagraphMetrics(registry, {
      statusCounts: () => ({ indexed: 3, pending: 1, invalid: 2, 'no-id': 0, legacy: 1 }),
      rootHealth: () => [{ root: '/reports', up: false, mode: 'poll' }],
    });
    const text = await registry.metrics();
    expect(text).toContain('jobgraph_sciagraph_reports{status="invalid"} 2');
    expect(text).toContain('jobgraph_sciagraph_root_up{root="/reports"} 0');
  });
});
