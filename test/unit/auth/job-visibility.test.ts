import { assertCanSeeJobDetails, assertOperator, canSeeJobDetails } from '../../../src/auth/job-visibility';

const alice = { user: 'alice', uid: 1001, isOperator: false, via: 'proxy-header' as const };
const ops = { user: 'flux', uid: 500, isOperator: true, via: 'jwt' as const };
const ghost = { user: 'ghost', isOperator: false, via: 'jwt' as const };

describe('job visibility', () => {
  it('lets owners and operators see details, nobody else', () => {
    expect(canSeeJobDetails(alice, 1001)).toBe(true);
    expect(canSeeJobDetails(alice, 1002)).toBe(false);
    expect(canSeeJobDetails(ops, 1002)).toBe(true);
    expect(canSeeJobDetails(ghost, 1001)).toBe(false);
  });
  it('leaves the details of a job whose owner is unknown to operators (a caller without a uid is no match)', () => {
    expect(canSeeJobDetails(alice, undefined)).toBe(false);
    expect(canSeeJobDetails(ghost, undefined)).toBe(false);
    expect(canSeeJobDetails(ops, undefined)).toBe(true);
  });
  it('raises FORBIDDEN naming the field and the caller', () => {
    expect(() => assertCanSeeJobDetails(alice, 1002, 'environment')).toThrow(
      "environment is visible only to the job's owner and operators; alice is neither",
    );
    expect(() => assertOperator(alice, 'forwardJobs')).toThrow(/forwardJobs is for operators only/);
    expect(() => assertOperator(ops, 'forwardJobs')).not.toThrow();
  });
});
