import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * src/cli/gateway-v8-flags.ts, as V8 applies it: an object literal whose objects survive young-generation GCs
 * gets allocated straight in the old generation ("pretenured") — unless the gateway's flags were set first.
 * Run in a child process (its own V8 flags; `%InYoungGeneration` needs --allow-natives-syntax).
 */
const ROOT = join(__dirname, '../../..');

/** How many of 100 objects of a literal that survived 30 forced scavenges are still allocated young. */
function youngAfterTenurePressure(setFlags: boolean): number {
  const script = `
    const { setGatewayV8Flags } = require(${JSON.stringify(join(ROOT, 'src/cli/gateway-v8-flags.ts'))});
    if (${setFlags}) setGatewayV8Flags();
    function make() { return { a: 1, b: 'x' }; }
    const keep = [];
    for (let round = 0; round < 30; round++) {
      for (let i = 0; i < 50000; i++) keep.push(make());
      gc({ type: 'minor', execution: 'sync' });
    }
    let young = 0;
    for (let i = 0; i < 100; i++) if (%InYoungGeneration(make())) young++;
    process.stdout.write(String(young));
  `;
  const out = execFileSync(
    process.execPath,
    ['-r', join(ROOT, 'test/support/ts-register.cjs'), '--allow-natives-syntax', '--expose-gc', '-e', script],
    { encoding: 'utf8', timeout: 60_000 },
  );
  return Number(out);
}

describe('the gateway process V8 flags', () => {
  it('keep a hot literal whose objects survive scavenges allocated young (V8 alone pretenures it)', () => {
    expect(youngAfterTenurePressure(false)).toBeLessThan(50);
    expect(youngAfterTenurePressure(true)).toBe(100);
  });
});
