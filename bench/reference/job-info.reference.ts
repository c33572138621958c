/**
 * job-info's key values (src/simulators/flux/job-info.service.ts) as they were before the CPU
 * work of 2026-11, over the reference writers: the differential tests compare whole lookup
 * replies with these byte for byte; bench/flux-lookup.bench.ts measures them as its baseline.
 */
import type { FluxJobEvent } from '../../src/datasources/flux/flux-job';
import { JOB_REAL_KEYS } from '../../src/datasources/flux/flux-json';
import { submittedJobspec } from '../../src/simulators/flux/job-info.service';
import type { StoredJob } from '../../src/simulators/flux/job-store';
import { referenceJanssonDump, referenceJanssonString, referencePythonJsonDumps } from './json-writer.reference';

const JOBSPEC_REALS = (key: string, value: number): boolean => key === 'duration' && value !== 0;

/** One eventlog line: compact JSON + `\n`. */
export function referenceEventlogLine(ev: FluxJobEvent): string {
  const obj: Record<string, unknown> = { timestamp: ev.timestamp, name: ev.name };
  if (ev.context && Object.keys(ev.context).length > 0) obj.context = ev.context;
  return `${referenceJanssonDump(obj, JOB_REAL_KEYS)}\n`;
}

/** `J` without flux-security (the jobspec placement, `submittedJobspec`, is unchanged). */
export function referenceSignedJobspec(job: StoredJob): string {
  const header = Buffer.from(`version\0i1\0userid\0i${job.job.userId}\0mechanism\0snone\0`).toString('base64');
  return `${header}.${Buffer.from(referencePythonJsonDumps(submittedJobspec(job), JOBSPEC_REALS)).toString('base64')}.none`;
}

/** The value job-info writes for `key` (undefined = ENOENT); flags bit 1 = JSON_DECODE. */
export function referenceKeyValue(job: StoredJob, key: string, flags: number): string | undefined {
  const decode = (flags & 1) !== 0;
  switch (key) {
    case 'jobspec':
      return decode
        ? referenceJanssonDump(job.jobspec, JOBSPEC_REALS)
        : referenceJanssonString(referencePythonJsonDumps(job.jobspec, JOBSPEC_REALS));
    case 'eventlog':
      return referenceJanssonString(job.eventlog.map(referenceEventlogLine).join(''));
    case 'R': {
      if (!job.R) return undefined;
      const text = referenceJanssonDump(job.R, JOB_REAL_KEYS);
      return decode ? text : referenceJanssonString(text);
    }
    case 'J':
      return referenceJanssonString(referenceSignedJobspec(job));
    default:
      return undefined;
  }
}

/** The successful lookup reply's JSON for `keys` (undefined if one is unknown), as `lookup` wrote it for request id `wireId`. */
export function referenceLookupReply(
  job: StoredJob,
  wireId: bigint,
  keys: readonly string[],
  flags: number,
): string | undefined {
  let out = `{"id":${wireId.toString()}`;
  for (const key of keys) {
    const value = referenceKeyValue(job, key, flags);
    if (value === undefined) return undefined;
    out += `,${referenceJanssonString(key)}:${value}`;
  }
  return `${out}}`;
}
