import {
  referenceEventlogLine,
  referenceLookupReply,
  referenceSignedJobspec,
} from '../../../../bench/reference/job-info.reference';
import { encodeTextPayload } from '../../../../src/datasources/flux/flux-payload';
import { toWireId } from '../../../../src/datasources/flux/wire-id';
import { generateDataset } from '../../../../src/simulators/dataset';
import type { DatasetJob } from '../../../../src/simulators/dataset';
import { SeededRandom } from '../../../../src/simulators/dataset/random';
import { eventlogLine, signedJobspec } from '../../../../src/simulators/flux/job-info.service';
import { randomReal, randomString, randomValue } from '../json-inputs';
import { asManifest, call, testBroker, wireBytes } from './sim-helpers';

const KEY_SETS = [['eventlog', 'jobspec', 'J'], ['jobspec', 'eventlog'], ['R'], ['J', 'R', 'eventlog']];

/** `job` with awkward strings and numbers in its environment, jobspec, eventlog and R. */
function roughen(job: DatasetJob, rng: SeededRandom): DatasetJob {
  const environment = Object.fromEntries(
    Array.from({ length: rng.int(0, 8) }, () => [randomString(rng, 6), randomString(rng)]),
  );
  const system = {
    ...((job.jobspec.attributes as { system?: object } | undefined)?.system ?? {}),
    cwd: randomString(rng),
    extra: randomValue(rng, 3),
  };
  const jobspec = { ...job.jobspec, attributes: { system }, odd: randomValue(rng, 3) };
  const eventlog = job.eventlog.map((ev) => {
    const context = [ev.context, {}, { ...ev.context, odd: randomValue(rng, 3) }][rng.int(0, 2)];
    return {
      timestamp: rng.chance(0.5) ? randomReal(rng) : ev.timestamp,
      name: rng.chance(0.3) ? randomString(rng, 4) : ev.name,
      ...(context ? { context } : {}),
    };
  });
  return {
    ...job,
    environment,
    jobspec,
    eventlog,
    R: { ...(job.R ?? {}), odd: randomValue(rng, 3), starttime: randomReal(rng) },
  };
}

describe('job-info.lookup replies are the bytes the pre-2026-11 writers produced', () => {
  const rng = new SeededRandom(7);
  const dataset = generateDataset({ jobCount: 1200, seed: 11, now: 1_795_400_000 });
  dataset.jobs = dataset.jobs.map((job, i) => (i % 3 === 0 ? roughen(job, rng) : job));
  const broker = testBroker(dataset);
  const jobs = [...broker.store.all()];

  it('for every job, key set and flags (0–3), generated and roughened jobs alike, from the stored texts and again', async () => {
    const cases = jobs.flatMap((job) =>
      KEY_SETS.flatMap((keys) =>
        [0, 1, 2, 3].map((flags) => {
          const wireId = toWireId(job.job.id);
          const payload = `{"id":${wireId},"keys":${JSON.stringify(keys)},"flags":${flags}}`;
          return { wireId, keys, flags, payload, expected: referenceLookupReply(job, wireId, keys, flags) };
        }),
      ),
    );
    let compared = 0;
    // The first pass writes each job's texts into the store, the second builds replies from them (the reply a job
    // keeps is for another request), the third sends each request twice in a row: the store's kept reply answers.
    for (const pass of ['cold', 'texts stored', 'kept reply']) {
      for (const { wireId, keys, flags, payload, expected } of cases) {
        if (pass === 'kept reply') await call(broker, 'job-info.lookup', payload);
        const [reply] = await call(broker, 'job-info.lookup', payload);
        if (expected === undefined) {
          expect(asManifest(reply!).errnum).not.toBe(0);
          continue;
        }
        // The bytes on the wire (a lone surrogate the writers leave in the text goes out as UTF-8's U+FFFD).
        const got = wireBytes(reply!);
        if (!got.equals(encodeTextPayload(expected)))
          expect({ pass, id: wireId, keys, flags, got: got.toString() }).toEqual({
            pass,
            id: wireId,
            keys,
            flags,
            got: `${expected}\0`,
          });
        else compared++;
      }
    }
    expect(compared).toBeGreaterThan(3 * jobs.length * 12);
  });

  it('eventlog lines (eventlog-watch) and J', () => {
    for (const job of jobs) {
      for (const ev of job.eventlog) expect(eventlogLine(ev)).toBe(referenceEventlogLine(ev));
      expect(signedJobspec(job)).toBe(referenceSignedJobspec(job));
    }
  });
});
