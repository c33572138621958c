import { escapeHtml, jsonForScript } from '../../../src/server/http/html-page';
import { prefersHtml } from '../../../src/server/http/prefers-html';

describe('prefersHtml', () => {
  it.each([
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', true],
    ['application/json, multipart/mixed', false],
    ['*/*', false],
    ['application/json;q=0.5, text/html', true],
    ['text/html;q=0.1, application/json', false],
  ])('Accept %s → %s', (accept, expected) => {
    expect(prefersHtml({ accept })).toBe(expected);
  });

  it('is false without an Accept header', () => {
    expect(prefersHtml({})).toBe(false);
  });
});

describe('html helpers', () => {
  it('escapes markup characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('keeps JSON inside a script element from closing it', () => {
    const json = jsonForScript({ query: '</script><script>alert(1)</script>\u2028' });
    expect(json).not.toContain('</script');
    expect(json).not.toContain('\u2028');
    expect(JSON.parse(json)).toEqual({ query: '</script><script>alert(1)</script>\u2028' });
  });
});
