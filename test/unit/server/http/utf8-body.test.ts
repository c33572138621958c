import {
  ANSWER_BYTES_MARK,
  STAND_IN_LIFETIME_MS,
  createAnswerEncoder,
  utf8Body,
} from '../../../../src/server/http/utf8-body';

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

describe('createAnswerEncoder (Apollo’s answers and their bytes)', () => {
  const big = { data: { jobs: Array.from({ length: 400 }, (_, i) => ({ id: `ƒ${i}x`, name: 'job'.repeat(i % 7) })) } };
  const other = { data: { jobs: Array.from({ length: 300 }, (_, i) => ({ id: `ƒ${i}y`, name: 'é'.repeat(i % 5) })) } };
  const apolloBytes = (value: unknown): Buffer => Buffer.from(`${JSON.stringify(value)}\n`, 'utf8');

  it('hands Apollo a stand-in and answers it with the exact bytes of Apollo’s default text', () => {
    const answers = createAnswerEncoder();
    for (const value of [big, other, { errors: [{ message: 'small' }] }, { data: null }]) {
      const standIn = answers.stringifyResult(value);
      expect(standIn.startsWith(ANSWER_BYTES_MARK)).toBe(true);
      expect(answers.bytes(standIn).equals(apolloBytes(value))).toBe(true);
    }
  });

  it('answers each stand-in with its own bytes when answers interleave, once', () => {
    const answers = createAnswerEncoder();
    const a = answers.stringifyResult(big);
    const b = answers.stringifyResult(other);
    expect(a).not.toBe(b);
    expect(answers.bytes(b).equals(apolloBytes(other))).toBe(true);
    expect(answers.bytes(a).equals(apolloBytes(big))).toBe(true);
    // A burst of answers made before any is taken (requests finishing in one tick): each keeps its bytes.
    const burst = Array.from({ length: 3_000 }, (_, i) => ({ data: { i, id: `ƒ${i}` } }));
    const standIns = burst.map((value) => answers.stringifyResult(value));
    for (let i = standIns.length - 1; i >= 0; i--)
      expect(answers.bytes(standIns[i] as string).equals(apolloBytes(burst[i]))).toBe(true);
    // Taken: a stand-in is never sent as a body.
    expect(() => answers.bytes(a)).toThrow(/stand-in/);
    // A body built from stand-ins (Apollo's HTTP batching, off here) is refused rather than sent.
    const c = answers.stringifyResult(big);
    expect(() => answers.bytes(`[${c}]`)).toThrow(/stand-in/);
  });

  it('lets go of a stand-in no route took once it is older than its lifetime, and of no younger one', () => {
    let clock = 1_000;
    const answers = createAnswerEncoder(() => clock);
    const lost = answers.stringifyResult(big); // never taken (a path that threw between Apollo and the route)
    clock += STAND_IN_LIFETIME_MS - 1;
    const young = answers.stringifyResult(other); // made while `lost` is still within its lifetime
    expect(answers.bytes(lost).equals(apolloBytes(big))).toBe(true); // so it was kept
    const lost2 = answers.stringifyResult(big);
    clock += STAND_IN_LIFETIME_MS; // `young` and `lost2` are now old
    const fresh = answers.stringifyResult({ data: { fresh: true } }); // this answer lets them go
    expect(() => answers.bytes(lost2)).toThrow(/stand-in/);
    expect(() => answers.bytes(young)).toThrow(/stand-in/);
    expect(answers.bytes(fresh).equals(apolloBytes({ data: { fresh: true } }))).toBe(true);
  });

  it('makes the text for a result the bytes writer leaves to JSON.stringify, and encodes any text exactly', () => {
    class Named {
      constructor(readonly name: string) {}
    }
    const answers = createAnswerEncoder();
    const left = { data: { v: new Named('ƒ'.repeat(5000)) } };
    const c = answers.stringifyResult(left);
    expect(c).toBe(`${JSON.stringify(left)}\n`);
    // Same length, other text: the remembered JSON is not taken for it.
    const d = `${JSON.stringify({ data: { v: { name: 'x'.repeat(5000) } } })}\n`;
    expect(d.length).toBe(c.length);
    expect(answers.bytes(d).equals(Buffer.from(d, 'utf8'))).toBe(true);
    expect(answers.bytes(c).equals(Buffer.from(c, 'utf8'))).toBe(true);
    expect(answers.bytes(c).equals(Buffer.from(c, 'utf8'))).toBe(true);
    expect(answers.bytes('<html>plain</html>').toString('utf8')).toBe('<html>plain</html>');
    expect(() => answers.stringifyResult({ data: { n: 1n } } as never)).toThrow(TypeError);
  });
});
