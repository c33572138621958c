import { z } from 'zod';
import { SECRET } from './env-value';

const list = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(/[\s,]+/).filter((s) => s !== '') : v),
  z.array(z.string().min(1)),
);
const optionalText = z.string().min(1).optional();

/**
 * The `elog` config section: the LCLS eLog (explgbk) and the ARP job service
 * (shared/contracts/elog.md). eLog features are off while `url` is unset.
 */
export const elogConfigSchema = z
  .object({
    /** `JOBGRAPH_ELOG_URL`: base URL, e.g. `https://pswww.slac.stanford.edu`. Unset = eLog disabled. */
    url: z.url().optional().describe('eLog base URL, e.g. https://pswww.slac.stanford.edu; unset = eLog disabled'),
    /**
     * `JOBGRAPH_ELOG_AUTH`: `none` (prefix `ws`, public routes only), `basic` (`ws-auth` as
     * `<hutch>opr`), `kerberos` (`ws-kerb`), `bearer` (`ws-jwt`), `auto` (LUTE's rule: operator on the
     * hutch's active experiment, else Kerberos). Default `none`: it needs no secret.
     */
    auth: z
      .enum(['none', 'basic', 'kerberos', 'bearer', 'auto'])
      .default('none')
      .describe('eLog auth mode: none, basic (<hutch>opr), kerberos, bearer, auto'),
    /** `JOBGRAPH_ELOG_APP`: the app segment after the prefix. Default `lgbk`; `devlgbk` for the dev instance. */
    app: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/)
      .default('lgbk')
      .describe('eLog app segment after the auth prefix (devlgbk = dev instance)'),
    /** `JOBGRAPH_ELOG_OPR_PASSWORD_FILE`: operator password, first line. Required by `basic` and `auto`. */
    oprPasswordFile: optionalText.describe('file whose first line is the <hutch>opr password (basic, auto)'),
    /** `JOBGRAPH_ELOG_KERBEROS_COMMAND`: shell command printing one base64 Negotiate token (5 s limit). */
    kerberosCommand: optionalText.describe(
      'command printing a base64 Negotiate token for HTTP@<eLog host> (5 s limit)',
    ),
    /** `JOBGRAPH_ELOG_BEARER_TOKEN_FILE`: ARP JWT file, re-read per call. */
    bearerTokenFile: optionalText.describe('file holding an ARP JWT (bearer mode, run status)'),
    /** `JOBGRAPH_ELOG_TIMEOUT_MS`: deadline of one read attempt. Default 15,000. */
    timeoutMs: z.coerce.number().int().positive().default(15_000).describe('deadline of one eLog read attempt, ms'),
    /** `JOBGRAPH_ELOG_WRITE_TIMEOUT_MS`: deadline of a write (posts thumbnail and mail before replying). Default 120,000. */
    writeTimeoutMs: z.coerce
      .number()
      .int()
      .positive()
      .default(120_000)
      .describe('deadline of one eLog write (never retried), ms'),
    /** `JOBGRAPH_ELOG_JID_URL_PREFIXES`: allowed starts of run-status URLs, comma- or space-separated. */
    jidUrlPrefixes: list
      .default(['https://psdm.slac.stanford.edu/arps3dfjid/jid/ws/'])
      .describe('allowed starts of run-status (replace_counters) URLs, comma-separated'),
    /** `JOBGRAPH_ELOG_MAX_ATTACHMENT_BYTES`: per-file limit, refused unsent above. Default 6,291,456 (explgbk's). */
    maxAttachmentBytes: z.coerce
      .number()
      .int()
      .positive()
      .default(6_291_456)
      .describe('largest eLog attachment, bytes (refused unsent above)'),
    /** `JOBGRAPH_ELOG_EXPERIMENT_ATTRIBUTE`: jobspec `attributes.user` key naming the experiment. Default `experiment`. */
    experimentAttribute: z
      .string()
      .min(1)
      .default('experiment')
      .describe('jobspec attributes.user key naming the LCLS experiment'),
    /** `JOBGRAPH_ELOG_RUN_ATTRIBUTE`: jobspec `attributes.user` key naming the run. Default `run`. */
    runAttribute: z.string().min(1).default('run').describe('jobspec attributes.user key naming the run'),
    /** `JID_UPDATE_COUNTERS` (set by the ARP in its jobs): default run-status URL. */
    jidUpdateCounters: optionalText.describe('ARP job: default run-status URL'),
    /** `ARP_UPDATE_COUNTERS` (newer ARP pages), used when `JID_UPDATE_COUNTERS` is unset. */
    arpUpdateCounters: optionalText.describe('ARP job (newer pages): run-status URL when JID_UPDATE_COUNTERS is unset'),
    /** `ARP_ROOT_JOB_ID`: the counters' `_id`, else `JOB_ID`. */
    arpRootJobId: optionalText.describe('ARP job: id whose counters are updated'),
    /** `JOB_ID`. */
    arpJobId: optionalText.describe('ARP job id, when ARP_ROOT_JOB_ID is unset'),
    /** `RUN_NUM`: sent to `get_counters` when set. */
    arpRunNum: optionalText.describe('ARP job: run number sent with get_counters'),
    /** `USER`: sent to `get_counters`. */
    arpUser: optionalText.describe('user name sent with get_counters'),
    /** `Authorization` of the environment (ARP jobs carry `Bearer <jwt>`). Secret. */
    arpAuthorization: optionalText.meta({
      ...SECRET,
      description: 'ARP job: Bearer <jwt> for get_counters (and bearer mode)',
    }),
  })
  .superRefine((c, ctx) => {
    if ((c.auth === 'basic' || c.auth === 'auto') && c.url && !c.oprPasswordFile) {
      ctx.addIssue({
        code: 'custom',
        path: ['oprPasswordFile'],
        message: `JOBGRAPH_ELOG_OPR_PASSWORD_FILE is required when JOBGRAPH_ELOG_AUTH=${c.auth}`,
      });
    }
  });

/** The parsed `elog` section. */
export type ElogConfig = z.infer<typeof elogConfigSchema>;

/** Environment variable → key of the `elog` section. */
export const elogEnvVars = {
  JOBGRAPH_ELOG_URL: 'url',
  JOBGRAPH_ELOG_AUTH: 'auth',
  JOBGRAPH_ELOG_APP: 'app',
  JOBGRAPH_ELOG_OPR_PASSWORD_FILE: 'oprPasswordFile',
  JOBGRAPH_ELOG_KERBEROS_COMMAND: 'kerberosCommand',
  JOBGRAPH_ELOG_BEARER_TOKEN_FILE: 'bearerTokenFile',
  JOBGRAPH_ELOG_TIMEOUT_MS: 'timeoutMs',
  JOBGRAPH_ELOG_WRITE_TIMEOUT_MS: 'writeTimeoutMs',
  JOBGRAPH_ELOG_JID_URL_PREFIXES: 'jidUrlPrefixes',
  JOBGRAPH_ELOG_MAX_ATTACHMENT_BYTES: 'maxAttachmentBytes',
  JOBGRAPH_ELOG_EXPERIMENT_ATTRIBUTE: 'experimentAttribute',
  JOBGRAPH_ELOG_RUN_ATTRIBUTE: 'runAttribute',
  JID_UPDATE_COUNTERS: 'jidUpdateCounters',
  ARP_UPDATE_COUNTERS: 'arpUpdateCounters',
  ARP_ROOT_JOB_ID: 'arpRootJobId',
  JOB_ID: 'arpJobId',
  RUN_NUM: 'arpRunNum',
  USER: 'arpUser',
  Authorization: 'arpAuthorization',
} as const satisfies Record<string, keyof ElogConfig>;

/** Keys of the section that hold secrets (redacted when config is printed). Passwords live in files, so only this one. */
export const elogSecretKeys = ['arpAuthorization'] as const satisfies readonly (keyof ElogConfig)[];
