import { utf8Body } from '../../../../src/server/http/utf8-body';

describe('utf8Body (a complete GraphQL answer as the bytes fastify would write)', () => {
  it('is exactly Buffer.from(text, "utf8"), small and large, one-byte, two-byte, astral and lone surrogates', () => {
    const pieces = ['{"id":"ƒ7PFfdyq"}', 'plain ascii', 'é ü ñ', '日本語', '😀 𝄞', '\ud800 lone', 'x\udc00', '\n'];
    for (const repeat of [1, 10, 300, 5_000]) {
      for (const piece of pieces) {
        const text = piece.repeat(repeat);
        const body = utf8Body(text);
        expect(Buffer.isBuffer(body)).toBe(true);
        expect(body.equals(Buffer.from(text, 'utf8'))).toBe(true);
        expect(body.toString('utf8')).toBe(Buffer.from(text, 'utf8').toString('utf8'));
      }
      const mixed = pieces.join('').repeat(repeat);
      expect(utf8Body(mixed).equals(Buffer.from(mixed, 'utf8'))).toBe(true);
    }
    expect(utf8Body('').length).toBe(0);
  });

  it('holds no more than the text’s bytes (the worst-case buffer is cut to what was written)', () => {
    const text = `${'ƒ'.repeat(10_000)}\n`;
    expect(utf8Body(text).length).toBe(Buffer.byteLength(text));
  });
});
