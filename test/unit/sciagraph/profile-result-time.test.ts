import {
  profileResultInputSchema,
  profileResultSidecarSchema,
} from '../../../src/datasources/sciagraph/profile-result.schema';
import { toProfileResult } from '../../../src/datasources/sciagraph/profile-result.store';

// Issue 17 item 5: a naive jobTime (Python's isoformat() of a naive datetime) was refused by the mutation
// and made the handler's sidecar invalid, so its keys were silently lost. It is now read as UTC.
const base = { jobId: 'fyUCingAT8U', downloadKey: 'k', decryptionKey: 'd' };

describe('ProfileResultInput.jobTime', () => {
  it.each([
    ['2025-03-05T14:02:11+00:00', '2025-03-05T14:02:11+00:00'],
    ['2025-03-05T14:02:11Z', '2025-03-05T14:02:11Z'],
    ['2025-03-05T16:02:11+02:00', '2025-03-05T16:02:11+02:00'],
    ['2025-03-05T14:02:11', '2025-03-05T14:02:11Z'],
    ['2025-03-05T14:02:11.250', '2025-03-05T14:02:11.250Z'],
  ])('%s is read as %s (the same instant whatever the gateway’s time zone)', (given, read) => {
    const parsed = profileResultInputSchema.parse({ ...base, jobTime: given });
    expect(parsed.jobTime).toBe(read);
    expect(toProfileResult(parsed, 0).jobTimeMs).toBe(Date.parse(read));
    expect(Math.floor(toProfileResult(parsed, 0).jobTimeMs / 1000)).toBe(1_741_183_331);
  });

  it('a sidecar with a naive jobTime keeps its keys', () => {
    const parsed = profileResultSidecarSchema.parse({ ...base, jobTime: '2025-03-05T14:02:11', schema: 1 });
    expect(parsed.downloadKey).toBe('k');
    expect(Date.parse(parsed.jobTime)).toBe(1_741_183_331_000);
  });

  it.each(['yesterday', '2025-03-05', '2025-03-05 14:02:11+00:00x'])('%j is still refused', (jobTime) => {
    expect(profileResultInputSchema.safeParse({ ...base, jobTime }).success).toBe(false);
  });
});
