import { z } from 'zod';
import { envList } from './env-value';

/** How the report index keeps current: `auto` picks `poll` on network filesystems, else `watch`. */
export const SCIAGRAPH_WATCH_MODES = ['auto', 'watch', 'poll'] as const;

/**
 * The `sciagraph` config section: Sciagraph profiling report directories (contract
 * shared/contracts/sciagraph.md §7.1, §8). Profiles are disabled while `reports` is empty.
 */
export const sciagraphConfigSchema = z.object({
  /**
   * Report roots, searched recursively. Env `JOBGRAPH_SCIAGRAPH_REPORTS`, `:`-separated
   * (empty entries ignored). Default: none (profiles disabled).
   */
  reports: z
    .union([z.string(), z.array(z.string())])
    .default([])
    .transform((value) =>
      (typeof value === 'string' ? value.split(':') : value).map((s) => s.trim()).filter((s) => s !== ''),
    ),
  /** Env `JOBGRAPH_SCIAGRAPH_WATCH`: `auto` (default), `watch` or `poll`. */
  watch: z.enum(SCIAGRAPH_WATCH_MODES).default('auto'),
  /** Seconds between full rescans in `poll` mode. Env `JOBGRAPH_SCIAGRAPH_RESCAN_SECONDS`. Default 60. */
  rescanSeconds: z.coerce.number().positive().max(86_400).default(60),
  /**
   * Directory where `recordProfileResult` stores download instructions (files mode 0600).
   * Env `JOBGRAPH_SCIAGRAPH_RESULTS_DIR`. Default: unset, results kept in memory only.
   */
  resultsDir: z.string().min(1).optional(),
  /**
   * Uids whose report files are credited to any job, besides the job's own user and the
   * gateway's. Env `JOBGRAPH_SCIAGRAPH_TRUSTED_UIDS`, comma-separated. Default: none.
   */
  trustedUids: envList(',')
    .default([])
    .pipe(
      z.array(
        z
          .string()
          .regex(/^\d{1,10}$/, 'a uid is a decimal number')
          .transform(Number),
      ),
    )
    .describe(
      "comma-separated uids whose report files are credited to any job (besides the job's user and the gateway's)",
    ),
});

/** The parsed `sciagraph` config section. */
export type SciagraphConfig = z.infer<typeof sciagraphConfigSchema>;

/** Environment variable → key of the `sciagraph` section. */
export const sciagraphEnvVars = {
  JOBGRAPH_SCIAGRAPH_REPORTS: 'reports',
  JOBGRAPH_SCIAGRAPH_WATCH: 'watch',
  JOBGRAPH_SCIAGRAPH_RESCAN_SECONDS: 'rescanSeconds',
  JOBGRAPH_SCIAGRAPH_RESULTS_DIR: 'resultsDir',
  JOBGRAPH_SCIAGRAPH_TRUSTED_UIDS: 'trustedUids',
} as const satisfies Record<string, keyof SciagraphConfig>;
