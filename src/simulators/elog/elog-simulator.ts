import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPair } from 'jose';
import { NO_INTERCEPTOR } from '../http-interceptor';
import type { HttpInterceptorFactory } from '../http-interceptor';
import { mintArpToken, proxyAuthenticate } from './elog-sim-proxy';
import type { SimIdentity, SimProxyOptions } from './elog-sim-proxy';
import { htmlError, sendReply } from './elog-sim-responses';
import type { SimReply } from './elog-sim-responses';
import { activeExperimentReply, activeExperimentsReply, SIM_ROUTES } from './elog-sim-routes';
import { ElogSimStore } from './elog-sim-store';
import type { ElogSimDataset, ElogSimRequestRecord } from './elog-sim-types';
import { getCounters, replaceCounters } from './elog-sim-writes';
import type { SimBody } from './elog-sim-writes';

/** Options of {@link startElogSimulator}. */
export interface ElogSimulatorOptions {
  /** Experiments and runs (a whole `Dataset` fits). */
  dataset: ElogSimDataset;
  /** App segment after the prefix (`JOBGRAPH_ELOG_APP`). Default `lgbk`. */
  app?: string;
  /** Password of every `<hutch>opr` account. Default `sim-opr-password`. */
  operatorPassword?: string;
  /** Extra Basic users → password. */
  basicUsers?: Record<string, string>;
  /** A user the proxy accepts but who has no role anywhere. Default `nobody`. */
  noRoleUser?: string;
  /** Experiments refusing run-table writes (423). */
  lockedExperiments?: string[];
  /** Per-file attachment limit, bytes. Default 6,291,456. */
  maxAttachmentBytes?: number;
  /** Clock, epoch ms. Default `Date.now`. */
  now?: () => number;
  /** Default 0 (any free port) on 127.0.0.1. */
  port?: number;
  /** Test hook: sees every request first and may answer it (see {@link HttpInterceptor}). Default none. */
  interceptor?: HttpInterceptorFactory;
}

/** A running simulator. */
export interface ElogSimulator {
  /** `JOBGRAPH_ELOG_URL`, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** Put in `JOBGRAPH_ELOG_JID_URL_PREFIXES`. */
  jidUrlPrefix: string;
  operatorPassword: string;
  store: ElogSimStore;
  /** Every request seen, in order. */
  requests: ElogSimRequestRecord[];
  /** Requests per route label. */
  requestCounts(): Record<string, number>;
  /** Delays the reply of a route by `ms` after it has been handled (writes are stored, then time out); undefined clears. */
  setDelay(route: string, ms: number | undefined): void;
  /** Answers a route with `status` (e.g. 502) after handling it; undefined clears. */
  setFailAfterStore(route: string, status: number | undefined): void;
  /** A Negotiate token the simulated proxy accepts for `uid`. */
  negotiateToken(uid: string): string;
  /** An ARP JWT for `user` scoped to `experiment`. */
  mintToken(user: string, experiment: string, lifetimeSeconds?: number): Promise<string>;
  close(): Promise<void>;
}

const PREFIXES = new Set(['ws', 'ws-auth', 'ws-kerb', 'ws-jwt']);
const JID = /^\/arps3dfjid\/jid\/ws\/(?:replace_counters\/([^/]+)\/([^/]+)|([^/]+)\/get_counters)$/;

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Starts the LCLS eLog + proxy + JID simulator on loopback (contract §7). */
export async function startElogSimulator(options: ElogSimulatorOptions): Promise<ElogSimulator> {
  const app = options.app ?? 'lgbk';
  const operatorPassword = options.operatorPassword ?? 'sim-opr-password';
  const noRole = options.noRoleUser ?? 'nobody';
  const now = options.now ?? Date.now;
  const maxAttachmentBytes = options.maxAttachmentBytes ?? 6_291_456;
  const store = new ElogSimStore(options.dataset, options.lockedExperiments);
  const keys = await generateKeyPair('RS256');
  const proxy: SimProxyOptions = {
    operatorPassword,
    hutches: new Set(options.dataset.experiments.map((e) => e.hutch.toLowerCase())),
    basicUsers: { ...options.basicUsers },
    jwtPublicKey: keys.publicKey,
  };
  const requests: ElogSimRequestRecord[] = [];
  const delays = new Map<string, number>();
  const failures = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();

  const mayUse = (identity: SimIdentity, exp: string): boolean => {
    if (identity.user === noRole) return false;
    const opr = /^([a-z]{3})opr$/.exec(identity.user);
    if (!opr) return true;
    const e = store.experiments.get(exp);
    // explgbk's switch_experiment adds the instrument's operator account to the experiment it
    // switches to, whichever station switched (dal/explgbk.py), and removes it from the previous one.
    return (
      e !== undefined && e.source.hutch === opr[1] && store.active(e.source.instrument, e.source.station)?.id === exp
    );
  };

  async function route(
    method: string,
    path: string,
    query: URLSearchParams,
    authorization: string | undefined,
    body: SimBody,
    record: ElogSimRequestRecord,
  ): Promise<SimReply> {
    const jid = JID.exec(path);
    if (jid && method === 'POST') {
      if (jid[1] !== undefined && jid[2] !== undefined) {
        record.route = 'replace_counters';
        return replaceCounters(store, decodeURIComponent(jid[1]), decodeURIComponent(jid[2]), body);
      }
      record.route = 'get_counters';
      const who = await proxyAuthenticate('ws-jwt', authorization, proxy);
      if (who === undefined || 'status' in who) return who ?? htmlError(403, false);
      return getCounters(store, decodeURIComponent(jid[3] ?? ''), body);
    }
    const m = /^\/([^/]+)\/([^/]+)(\/.*)$/.exec(path);
    if (!m || !PREFIXES.has(m[1] as string) || m[2] !== app) return htmlError(404, false);
    const prefix = m[1] as string;
    const rest = m[3] as string;
    record.prefix = prefix;
    const who = await proxyAuthenticate(prefix, authorization, proxy);
    if (who !== undefined && 'status' in who) return who;
    if (who) record.user = who.user;
    if (rest === '/lgbk/ws/activeexperiment_for_instrument_station' && method === 'GET') {
      record.route = 'activeexperiment_for_instrument_station';
      return activeExperimentReply(store, query);
    }
    if (rest === '/lgbk/ws/activeexperiments' && method === 'GET') {
      record.route = 'activeexperiments';
      return who ? activeExperimentsReply(store) : htmlError(403, true);
    }
    const candidates = SIM_ROUTES.map((r) => ({ r, match: r.pattern.exec(rest) })).filter((c) => c.match !== null);
    // Werkzeug answers HEAD with the GET view, body dropped.
    const found = candidates.find((c) => c.r.method === (method === 'HEAD' ? 'GET' : method));
    if (!found || !found.match) return htmlError(candidates.length > 0 ? 405 : 404, false);
    const { r, match } = found;
    record.route = r.label;
    const name = decodeURIComponent(match[1] ?? '');
    record.experiment = name;
    if (r.access !== 'public' && !who) return htmlError(403, true);
    const exp = store.experiments.get(name);
    if (!exp) return htmlError(r.noExistsCheck ? 403 : 404, true);
    if (who?.via === 'bearer' && who.scope !== name)
      return proxyAuthenticate('ws-jwt', undefined, proxy) as Promise<SimReply>;
    if (r.locks && exp.locked) return htmlError(423, true);
    if ((r.access === 'read' || r.access === 'post') && who && !mayUse(who, name)) return htmlError(403, true);
    if (r.kerberosOnly && who?.via !== 'kerberos') return htmlError(403, true);
    return r.handle({
      store,
      exp,
      match,
      query,
      identity: who,
      prefix,
      body,
      maxAttachmentBytes,
      now: now(),
      jwtPrivateKey: keys.privateKey,
    });
  }

  const handler = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (await intercept(req, res)) return;
    const url = new URL(req.url ?? '/', 'http://simulator.invalid');
    const bytes = await readBody(req);
    const record: ElogSimRequestRecord = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.search,
      route: 'unknown',
      prefix: '',
      status: 0,
    };
    requests.push(record);
    let reply = await route(
      record.method,
      url.pathname,
      url.searchParams,
      req.headers.authorization,
      { contentType: req.headers['content-type'] ?? '', bytes },
      record,
    ).catch((): SimReply => htmlError(500, true));
    const failStatus = failures.get(record.route);
    if (failStatus !== undefined)
      reply = {
        status: failStatus,
        contentType: 'text/html; charset=utf-8',
        body: `<html><body><h1>${failStatus}</h1></body></html>`,
      };
    record.status = reply.status;
    const delay = delays.get(record.route);
    const head = record.method === 'HEAD';
    if (delay === undefined) return sendReply(res, reply, head);
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!res.destroyed) sendReply(res, reply, head);
    }, delay);
    timers.add(timer);
  };

  const server = createServer((req, res) => void handler(req, res));
  const intercept = options.interceptor?.(server) ?? NO_INTERCEPTOR;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    jidUrlPrefix: `${url}/arps3dfjid/jid/ws/`,
    operatorPassword,
    store,
    requests,
    requestCounts: () =>
      requests.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.route]: (acc[r.route] ?? 0) + 1 }), {}),
    setDelay: (r, ms) => (ms === undefined ? delays.delete(r) : delays.set(r, ms)),
    setFailAfterStore: (r, status) => (status === undefined ? failures.delete(r) : failures.set(r, status)),
    negotiateToken: (uid) => Buffer.from(`SIMKRB5:${uid}`, 'utf8').toString('base64'),
    mintToken: (user, experiment, lifetimeSeconds = 300) =>
      mintArpToken(keys.privateKey, user, experiment, lifetimeSeconds, Math.floor(now() / 1000)),
    close: async () => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
