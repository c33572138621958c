import { setFlagsFromString } from 'node:v8';

/**
 * V8 flags of a gateway process (`jobgraph serve`, `jobgraph demo`), set before its server is built.
 *
 * `--no-allocation-site-pretenuring`: V8 allocates the objects of an object or array literal straight in
 * the old generation once most of them survived a young-generation GC (a scavenge). In the gateway that
 * happens at warm-up, while the young generation is small and every scavenge lands in a page: the page's
 * infos, events, containers and result objects then stay "tenured" for the life of the process, and each
 * dead tenured object keeps the young objects it points to (a lookup reply's parsed JSON, event contexts)
 * alive for every scavenge until the next full GC, which copies and promotes them. Measured on the seed's
 * walk (docs/performance.md, "What the GraphQL request path left reachable for the scavenger"): each
 * scavenge kept 5.5 MB instead of 1.9 MB, and the gateway spent ~8 µs more CPU per job.
 */
export const GATEWAY_V8_FLAGS: readonly string[] = ['--no-allocation-site-pretenuring'];

/** Sets {@link GATEWAY_V8_FLAGS}; call once, first thing in the process (before any request's code runs). */
export function setGatewayV8Flags(): void {
  for (const flag of GATEWAY_V8_FLAGS) setFlagsFromString(flag);
}
