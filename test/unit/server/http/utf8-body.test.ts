import { createAnswerEncoder, utf8Body } from '../../../../src/server/http/utf8-body';

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

describe('createAnswerEncoder (Apollo’s answer texts and their bytes)', () => {
  const big = { data: { jobs: Array.from({ length: 400 }, (_, i) => ({ id: `ƒ${i}x`, name: 'job'.repeat(i % 7) })) } };
  const other = { data: { jobs: Array.from({ length: 300 }, (_, i) => ({ id: `ƒ${i}y`, name: 'é'.repeat(i % 5) })) } };

  it('makes Apollo’s default text and encodes it to its exact bytes', () => {
    const answers = createAnswerEncoder();
    for (const value of [big, other, { errors: [{ message: 'small' }] }, { data: null }]) {
      const text = answers.stringifyResult(value);
      expect(text).toBe(`${JSON.stringify(value)}\n`);
      expect(answers.bytes(text).equals(Buffer.from(text, 'utf8'))).toBe(true);
    }
  });

  it('encodes any text exactly when answers interleave, repeat, or were not made by it', () => {
    const answers = createAnswerEncoder();
    const a = answers.stringifyResult(big);
    const b = answers.stringifyResult(other);
    expect(answers.bytes(a).equals(Buffer.from(a, 'utf8'))).toBe(true);
    expect(answers.bytes(b).equals(Buffer.from(b, 'utf8'))).toBe(true);
    expect(answers.bytes(b).equals(Buffer.from(b, 'utf8'))).toBe(true);
    // Same length, other text: the remembered JSON is not taken for it.
    const c = answers.stringifyResult({ data: { v: 'ƒ'.repeat(5000) } });
    const d = `${JSON.stringify({ data: { v: 'x'.repeat(5000) } })}\n`;
    expect(d.length).toBe(c.length);
    expect(answers.bytes(d).equals(Buffer.from(d, 'utf8'))).toBe(true);
    expect(answers.bytes(c).equals(Buffer.from(c, 'utf8'))).toBe(true);
    expect(answers.bytes('<html>plain</html>').toString('utf8')).toBe('<html>plain</html>');
  });
});
