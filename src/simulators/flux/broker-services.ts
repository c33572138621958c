import { ERRNO } from '../../datasources/flux/errno';
import { janssonDump } from './jansson-json';
import { eventsJournal } from './events-journal.service';
import { lookup, watchEventlog } from './job-info.service';
import { raise, urgency } from './job-manager.service';
import { jobStats, listAttrs, listJobById, listJobs } from './job-list.service';
import { fail, ok } from './sim-service';
import type { SimCall, SimReply, SimResult } from './sim-service';

/** A method of a simulated service. */
export interface SimMethod {
  handle(call: SimCall): SimResult;
  /** Whether the method unpacks its payload (so a broken payload is an EPROTO error). */
  unpacks: boolean;
}

/** A simulated service: its methods and how it words a payload it cannot read. */
export interface SimServiceDef {
  methods: Readonly<Record<string, SimMethod>>;
  /** Text of the EPROTO reply for an unreadable payload; undefined = no text. */
  payloadError(reason: string): string | undefined;
}

function attrGet(call: SimCall, attrs: Readonly<Record<string, string>>): SimResult {
  const name = call.payload.name;
  if (typeof name !== 'string') return [fail(ERRNO.EPROTO)];
  const value = attrs[name];
  if (value === undefined) return [fail(ERRNO.ENOENT)];
  return [ok(janssonDump({ value, flags: 1 }))];
}

/** Builds the service table; `attrs` are the broker attributes `attr.get` serves. */
export function brokerServices(attrs: Readonly<Record<string, string>>): ReadonlyMap<string, SimServiceDef> {
  return new Map<string, SimServiceDef>([
    [
      'job-list',
      {
        methods: {
          list: { handle: listJobs, unpacks: true },
          'list-id': { handle: listJobById, unpacks: true },
          'list-attrs': { handle: listAttrs, unpacks: false },
          'job-stats': { handle: jobStats, unpacks: false },
        },
        payloadError: (reason) => `invalid payload: ${reason}`,
      },
    ],
    [
      'job-info',
      {
        methods: {
          lookup: { handle: lookup, unpacks: true },
          'eventlog-watch': { handle: watchEventlog, unpacks: true },
        },
        payloadError: () => undefined,
      },
    ],
    [
      'job-manager',
      {
        methods: {
          'events-journal': { handle: eventsJournal, unpacks: true },
          raise: { handle: raise, unpacks: true },
          urgency: { handle: urgency, unpacks: true },
        },
        payloadError: () => undefined,
      },
    ],
    [
      'attr',
      { methods: { get: { handle: (call) => attrGet(call, attrs), unpacks: true } }, payloadError: () => undefined },
    ],
  ]);
}

/** Streams that end on a cancel request: cancel topic → the stream's topic (contract §3). */
export const CANCEL_TOPICS: ReadonlyMap<string, string> = new Map([
  ['job-info.eventlog-watch-cancel', 'job-info.eventlog-watch'],
  ['job-manager.events-journal-cancel', 'job-manager.events-journal'],
]);

/** Where a topic goes: a method with its service, or the ENOSYS reply (contract §4, fixture 15). */
export function routeTopic(
  services: ReadonlyMap<string, SimServiceDef>,
  topic: string,
): { method: SimMethod; service: SimServiceDef } | { error: SimReply } {
  const dot = topic.indexOf('.');
  const service = services.get(dot < 0 ? topic : topic.slice(0, dot));
  if (!service) return { error: fail(ERRNO.ENOSYS, `No service matching ${topic} is registered`) };
  const method = service.methods[topic.slice(dot + 1)];
  if (dot < 0 || !method) return { error: fail(ERRNO.ENOSYS, `Unknown service method '${topic}'`) };
  return { method, service };
}
