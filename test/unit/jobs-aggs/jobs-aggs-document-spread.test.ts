import { generateDataset } from '../../../src/simulators/dataset';
import {
  documentsFromDataset,
  SIMULATED_APP_TYPES,
  SIMULATED_APPLICATIONS,
  SIMULATED_DOMAINS,
  SIMULATED_REGIONS,
} from '../../../src/simulators/jobs-aggs/jobs-aggs-documents';

// Issue 17 item 5: the jobs/aggs simulator never produced klewer and quasar. It picked the application by
// `job id mod 10`, and Flux ids (FLUIDs) end in 24 mostly-zero bits, so the residue was always even.
describe('the jobs/aggs simulator spreads every listed value over the demo dataset', () => {
  const documents = documentsFromDataset(generateDataset({ seed: 1, jobCount: 2000 }));
  const countsOf = (field: string): Map<unknown, number> => {
    const counts = new Map<unknown, number>();
    for (const doc of documents) counts.set(doc[field], (counts.get(doc[field]) ?? 0) + 1);
    return counts;
  };

  it.each([
    ['application', SIMULATED_APPLICATIONS],
    ['app_type', SIMULATED_APP_TYPES],
    ['domain', SIMULATED_DOMAINS],
    ['region', SIMULATED_REGIONS],
  ] as const)('%s: each value in proportion to its share of the list', (field, values: readonly string[]) => {
    const counts = countsOf(field);
    expect([...counts.keys()].sort()).toEqual([...new Set(values)].sort());
    for (const value of new Set(values)) {
      const share = values.filter((v) => v === value).length / values.length;
      // 2,000 documents: within ±40 % of the expected count (a missing value, the bug, is 0).
      expect(counts.get(value)).toBeGreaterThan(documents.length * share * 0.6);
      expect(counts.get(value)).toBeLessThan(documents.length * share * 1.4);
    }
  });
});
