import { nodeVersionWarning } from '../../../src/cli/node-version';

describe('nodeVersionWarning', () => {
  it('warns on a Node older than 22.12, naming the version and how to get 24', () => {
    for (const old of ['v20.20.2', 'v22.11.0', 'v18.0.0']) {
      const warning = nodeVersionWarning(old);
      expect(warning).toContain(old);
      expect(warning).toContain('npm i -g node@24');
    }
  });
  it('is silent from 22.12 on', () => {
    for (const ok of ['v22.12.0', 'v22.20.1', 'v24.21.0', 'v25.0.0']) expect(nodeVersionWarning(ok)).toBeUndefined();
  });
});
