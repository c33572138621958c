import { parseReportPath } from '../../../src/server/reports/report-path';

const KEY = 'abcdefghijklmnopqrstuv';

describe('parseReportPath (contract §9 request checks)', () => {
  it('splits a file request and decodes each segment once', () => {
    expect(parseReportPath(`/reports/${KEY}/peak-memory.svg?x=1`)).toEqual({
      kind: 'file',
      reportKey: KEY,
      segments: ['peak-memory.svg'],
    });
    expect(parseReportPath(`/reports/${KEY}/a%2520b`)).toEqual({ kind: 'file', reportKey: KEY, segments: ['a%20b'] });
    expect(parseReportPath(`/reports/${KEY}/`)).toEqual({ kind: 'file', reportKey: KEY, segments: ['index.html'] });
    expect(parseReportPath(`/reports/${KEY}`)).toEqual({ kind: 'redirect', location: `/reports/${KEY}/` });
  });
  it.each([
    `/reports/${KEY}/../x`,
    `/reports/${KEY}/%2e%2e/x`,
    `/reports/${KEY}/%2E/x`,
    `/reports/${KEY}/..%2fx`,
    `/reports/${KEY}/..%2Fx`,
    `/reports/${KEY}/..%5Cx`,
    `/reports/${KEY}/a\\b`,
    `/reports/${KEY}/a%00`,
    `/reports/${KEY}/a%0a`,
    `/reports/${KEY}//a`,
    `/reports/${KEY}/sub/`,
    `/reports/${KEY}/%zz`,
    '/reports/short/index.html',
    '/reports/',
    `/other/${KEY}/index.html`,
  ])('rejects %p', (path) => {
    expect(parseReportPath(path)).toEqual({ kind: 'reject' });
  });
});
