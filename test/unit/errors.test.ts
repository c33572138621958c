import { UpstreamTimeoutError, BadUserInputError, ERROR_CODES } from '../../src/errors';

describe('error model', () => {
  it('puts code and backend in extensions', () => {
    const e = new UpstreamTimeoutError('flux', 'job-list.list took longer than 30000 ms');
    expect(e.extensions).toEqual({ code: 'UPSTREAM_TIMEOUT', backend: 'flux' });
    expect(e.code).toBe('UPSTREAM_TIMEOUT');
  });
  it('keeps details for user input errors', () => {
    const e = new BadUserInputError('bad job id "xyz"', { value: 'xyz' });
    expect(e.extensions).toEqual({ code: 'BAD_USER_INPUT', value: 'xyz' });
    expect(ERROR_CODES).toContain(e.code);
  });
});
