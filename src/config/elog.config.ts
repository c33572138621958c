import { z } from 'zod';

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
    url: z.url().optional(),
    /**
     * `JOBGRAPH_ELOG_AUTH`: `none` (prefix `ws`, public routes only), `basic` (`ws-auth` as
     * `<hutch>opr`), `kerberos` (`ws-kerb`), `bearer` (`ws-jwt`), `auto` (LUTE's rule: operator on the
     * hutch's active experiment, else Kerberos). Default `none`: it needs no secret.
     */
    auth: z.enum(['none', 'basic', 'kerberos', 'bearer', 'auto']).default('none'),
    /** `JOBGRAPH_ELOG_APP`: the app segment after the prefix. Default `lgbk`; `devlgbk` for the dev instance. */
    app: z.string().regex(/^[A-Za-z0-9_-]+$/).default('lgbk'),
    /** `JOBGRAPH_ELOG_OPR_PASSWORD_FILE`: operator password, first line. Required by `basic` and `auto`. */
    oprPasswordFile: optionalText,
    /** `JOBGRAPH_ELOG_KERBEROS_COMMAND`: shell command printing one base64 Negotiate token (5 s limit). */
    kerberosCommand: optionalText,
    /** `JOBGRAPH_ELOG_BEARER_TOKEN_FILE`: ARP JWT file, re-read per call. */
    bearerTokenFile: optionalText,
    /** `JOBGRAPH_ELOG_TIMEOUT_MS`: deadline of one read attempt. Default 15,000. */
    timeoutMs: z.coerce.number().int().positive().default(15_000),
    /** `JOBGRAPH_ELOG_WRITE_TIMEOUT_MS`: deadline of a write (posts thumbnail and mail before replying). Default 120,000. */
    writeTimeoutMs: z.coerce.number().int().positive().default(120_000),
    /** `JOBGRAPH_ELOG_JID_URL_PREFIXES`: allowed starts of run-status URLs, comma- or space-separated. */
    jidUrlPrefixes: list.default(['https://psdm.slac.stanford.edu/arps3dfjid/jid/ws/']),
    /** `JOBGRAPH_ELOG_MAX_ATTACHMENT_BYTES`: per-file limit, refused unsent above. Default 6,291,456 (explgbk's). */
    maxAttachmentBytes: z.coerce.number().int().positive().default(6_291_456),
    /** `JOBGRAPH_ELOG_EXPERIMENT_ATTRIBUTE`: jobspec `attributes.user` key naming the experiment. Default `experiment`. */
    experimentAttribute: z.string().min(1).default('experiment'),
    /** `JOBGRAPH_ELOG_RUN_ATTRIBUTE`: jobspec `attributes.user` key naming the run. Default `run`. */
    runAttribute: z.string().min(1).default('run'),
    /** `JID_UPDATE_COUNTERS` (set by the ARP in its jobs): default run-status URL. */
    jidUpdateCounters: optionalText,
    /** `ARP_UPDATE_COUNTERS` (newer ARP pages), used when `JID_UPDATE_COUNTERS` is unset. */
    arpUpdateCounters: optionalText,
    /** `ARP_ROOT_JOB_ID`: the counters' `_id`, else `JOB_ID`. */
    arpRootJobId: optionalText,
    /** `JOB_ID`. */
    arpJobId: optionalText,
    /** `RUN_NUM`: sent to `get_counters` when set. */
    arpRunNum: optionalText,
    /** `USER`: sent to `get_counters`. */
    arpUser: optionalText,
    /** `Authorization` of the environment (ARP jobs carry `Bearer <jwt>`). Secret. */
    arpAuthorization: optionalText,
  })
  .superRefine((c, ctx) => {
    if ((c.auth === 'basic' || c.auth === 'auto') && c.url && !c.oprPasswordFile) {
      ctx.addIssue({ code: 'custom', path: ['oprPasswordFile'], message: `JOBGRAPH_ELOG_OPR_PASSWORD_FILE is required when JOBGRAPH_ELOG_AUTH=${c.auth}` });
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
