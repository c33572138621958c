import { parseFluxJson } from '../../../../src/datasources/flux/flux-json';
import { SeededRandom } from '../../../../src/simulators/dataset/random';
import { janssonDump } from '../../../../src/simulators/flux/jansson-json';
import { parseRequestJson } from '../../../../src/simulators/flux/request-unpack';
import { randomValue } from '../json-inputs';

/** What `parseFluxJson(text, { reals: 'wrap' })` gives: the value, or the error message it throws. */
function outcome(parse: () => unknown): unknown {
  try {
    return { value: parse() };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

describe('parseRequestJson reads request payloads as parseFluxJson with reals wrapped', () => {
  const rng = new SeededRandom(19);
  const requests = [
    '{"id":502175629312,"keys":["jobspec","eventlog"],"flags":3}',
    '{"id":-616,"keys":["R"],"flags":0}',
    '{"id":18446744073709551000,"keys":["e1e"],"flags":1}',
    '{"max_entries":500,"attrs":["userid","t_submit"],"since":1795400000.0,"constraint":{"states":[64]}}',
    '{"max_entries":500.0,"attrs":[]}',
    '{"max_entries":5e2,"attrs":[]}',
    '{"a":1,"a":2.5}',
    '{"a":-0}',
    '{"a":-0.0}',
    '{"a":1E400}',
    '{"s":"1.5","n":15}',
  ];
  const generated = Array.from({ length: 3000 }, () => janssonDump({ v: randomValue(rng, 4), id: 2n ** 63n + 5n }));
  const broken = generated.slice(0, 500).flatMap((text) => {
    const at = rng.int(1, text.length - 1);
    return [text.slice(0, at), `${text.slice(0, at)}x${text.slice(at)}`, `${text} 1`];
  });

  it('for request-shaped, generated and broken texts alike (values and error messages)', () => {
    let fast = 0;
    for (const text of [...requests, ...generated, ...broken]) {
      if (!/\d[.eE]/.test(text)) fast++;
      const got = outcome(() => parseRequestJson(text));
      const want = outcome(() => parseFluxJson(text, { reals: 'wrap' }));
      expect({ text, got }).toEqual({ text, got: want });
    }
    // Both paths ran: texts without a real take JSON.parse, the others lossless-json.
    expect(fast).toBeGreaterThan(500);
    expect(fast).toBeLessThan(requests.length + generated.length + broken.length - 500);
  });
});
