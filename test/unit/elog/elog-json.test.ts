import {
  escapeParamName,
  parseElogDate,
  parseElogJson,
  unescapeParamKeys,
  unescapeParamName,
} from '../../../src/datasources/elog/elog-json';

describe('eLog JSON quirks', () => {
  it('tolerates bare NaN / Infinity / -Infinity outside strings only', () => {
    const text = '{"a": NaN, "b": [Infinity, -Infinity, 1], "c": "NaN and -Infinity stay", "d": "q\\"NaN"}';
    expect(parseElogJson(text)).toEqual({ a: 'nan', b: ['inf', '-inf', 1], c: 'NaN and -Infinity stay', d: 'q"NaN' });
  });
  it('still rejects broken JSON', () => {
    expect(() => parseElogJson('<!doctype html><title>403 Forbidden</title>')).toThrow(SyntaxError);
  });
  it('maps the Unicode stand-ins for . and $ back in keys, never in values', () => {
    expect(unescapeParamName('MFX:DG1:MMS:01\uFF0ERBV')).toBe('MFX:DG1:MMS:01.RBV');
    expect(unescapeParamName('\uFF04set')).toBe('$set');
    expect(unescapeParamKeys({ 'A\uFF0EB': 'x\uFF0Ey', plain: 1 })).toEqual({ 'A.B': 'x\uFF0Ey', plain: 1 });
    expect(unescapeParamKeys(null)).toEqual({});
    expect(escapeParamName('MFX:LUTE:STATUS.VAL')).toBe('MFX:LUTE:STATUS\uFF0EVAL');
  });
  it('parses isoformat dates with microseconds and offsets, keeping ms', () => {
    expect(parseElogDate('2024-03-15T02:13:07.512000+00:00')?.toISOString()).toBe('2024-03-15T02:13:07.512Z');
    expect(parseElogDate('2024-03-15T02:13:07+00:00')?.toISOString()).toBe('2024-03-15T02:13:07.000Z');
    expect(parseElogDate('2024-03-15T02:13:07.999999')?.toISOString()).toBe('2024-03-15T02:13:07.999Z');
    expect(parseElogDate('2024-03-14T19:13:07.5-07:00')?.toISOString()).toBe('2024-03-15T02:13:07.500Z');
    expect(parseElogDate('2024-03-15T07:43:07Z')?.toISOString()).toBe('2024-03-15T07:43:07.000Z');
    expect(parseElogDate(1710466812)?.toISOString()).toBe('2024-03-15T01:40:12.000Z');
    expect(parseElogDate('03/15/2024 02:13:07')).toBeUndefined();
    expect(parseElogDate(null)).toBeUndefined();
  });
});
