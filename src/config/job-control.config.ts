import { z } from 'zod';
import { envBoolean } from './env-value';

/** Job control from the API: cancelJobs, holdJobs, releaseJobs, setJobUrgency (docs/job-control.md). */
export const jobControlConfigSchema = z.object({
  /**
   * `JOBGRAPH_JOB_CONTROL` (`on`/`off`, default off): serve the job control mutations. Refused by
   * `jobgraph serve` with `JOBGRAPH_AUTH=none` (every caller would act as the instance owner).
   */
  enabled: envBoolean()
    .default(false)
    .describe('serve the job control mutations (cancel, hold, release, urgency); never with JOBGRAPH_AUTH=none'),
});

/** Environment variables of the `jobControl` section → its keys. */
export const jobControlEnvVars = {
  JOBGRAPH_JOB_CONTROL: 'enabled',
} as const satisfies Record<string, keyof z.infer<typeof jobControlConfigSchema>>;
