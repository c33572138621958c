import { stringifyFluxJson, JOB_REAL_KEYS } from '../src/datasources/flux/flux-json';
import { encodeMessage } from '../src/datasources/flux/flux-codec';
import { FLUX_MSGFLAG, FLUX_MSGTYPE } from '../src/datasources/flux/flux-message';

const BASE_ID = 2n ** 53n + 12345n;

/** A job-list entry (attrs "all") shaped like fixture 02's inactive jobs, id above 2^53. */
export function benchEntry(i: number): Record<string, unknown> {
  const t = 1_795_361_578.1118803 - i * 0.731;
  return {
    id: BASE_ID + BigInt(i) * 16_777_216n,
    userid: 1001 + (i % 40),
    urgency: 16,
    priority: 16,
    t_submit: t,
    t_depend: t + 0.0112907,
    t_priority: t + 0.0222619,
    t_sched: t + 0.0223037,
    t_run: t + 0.0279672,
    t_cleanup: t + 0.0607042,
    t_inactive: t + 0.0619478,
    state: 64,
    name: `smd_producer_${i % 97}`,
    cwd: '/sdf/data/lcls/ds/mfx/mfxl1038923/scratch',
    bank: 'lcls',
    ntasks: 1,
    ncores: 1,
    duration: 0,
    nnodes: 1,
    ranks: '0',
    nodelist: 'vm',
    success: true,
    exception_occurred: false,
    result: 1,
    expiration: 0,
    annotations: { sched: { resource_summary: 'rank0/core0' } },
    waitstatus: 0,
  };
}

/** The streamed `job-list.list` reply for entry `i` (the first carries `"version":1`), as JSON text. */
export function benchReplyText(i: number): string {
  return stringifyFluxJson(i === 0 ? { jobs: [benchEntry(i)], version: 1 } : { jobs: [benchEntry(i)] }, {
    realKeys: JOB_REAL_KEYS,
  });
}

/** The wire bytes of a streamed job-list reply with `text` as payload. */
export function benchReplyMessage(text: string, matchtag: number, errnum = 0): Buffer {
  const msg = {
    type: FLUX_MSGTYPE.RESPONSE,
    flags: FLUX_MSGFLAG.TOPIC | FLUX_MSGFLAG.ROUTE | FLUX_MSGFLAG.STREAMING | (errnum === 0 ? FLUX_MSGFLAG.PAYLOAD : 0),
    userid: 1001,
    rolemask: 5,
    aux1: errnum,
    aux2: matchtag,
    routes: [],
    topic: 'job-list.list',
  };
  return encodeMessage(errnum === 0 ? { ...msg, payload: Buffer.from(`${text}\0`) } : msg);
}
