import { reportOwnerOf } from '../../../src/auth/report-owner';

const TRUSTED = 990;
const crediting = {
  isCredited: (record: { ownerUids: readonly number[] }, uid: number) =>
    record.ownerUids.every((o) => o === uid || o === TRUSTED),
};
const report = (ownerUids: number[]) => ({ ownerUids, reportKey: 'k', jobId: '42' });

describe('reportOwnerOf: whose profiling report it is, over the jobs of its id on every cluster', () => {
  it('one job: its owner when the files credit them, else nobody', () => {
    expect(reportOwnerOf(report([TRUSTED]), [{ userId: 7 }], crediting)).toBe(7);
    expect(reportOwnerOf(report([7]), [{ userId: 7 }], crediting)).toBe(7);
    expect(reportOwnerOf(report([8]), [{ userId: 7 }], crediting)).toBeUndefined();
    expect(reportOwnerOf(report([TRUSTED]), [], crediting)).toBeUndefined();
    expect(reportOwnerOf(report([TRUSTED]), [{ userId: 7 }], undefined)).toBeUndefined();
  });

  it('the same id as two users’ jobs: only the user whose uid owns the files; files of a trusted uid decide nothing', () => {
    const twins = [{ userId: 7 }, { userId: 8 }];
    expect(reportOwnerOf(report([8]), twins, crediting)).toBe(8);
    expect(reportOwnerOf(report([8, TRUSTED]), twins, crediting)).toBe(8);
    expect(reportOwnerOf(report([TRUSTED]), twins, crediting)).toBeUndefined();
    expect(reportOwnerOf(report([7, 8]), twins, crediting)).toBeUndefined();
    // The same user on two clusters: theirs.
    expect(reportOwnerOf(report([TRUSTED]), [{ userId: 7 }, { userId: 7 }], crediting)).toBe(7);
  });
});
