import { isoformat } from './elog-sim-json';
import type { SimEntry, SimExperiment, SimRun } from './elog-sim-store';

/** §4.1 experiment info as `/ws/info` serializes it. */
export function infoDoc(exp: SimExperiment): Record<string, unknown> {
  const s = exp.source;
  return {
    _id: s.name,
    name: s.name,
    instrument: s.instrument.toUpperCase(),
    description: `${s.instrument.toUpperCase()} beamtime ${s.name}`,
    registration_time: isoformat((s.startTime - 86_400 * 30) * 1000),
    start_time: isoformat(s.startTime * 1000),
    end_time: s.endTime === undefined ? null : isoformat(s.endTime * 1000),
    leader_account: 'jdoe',
    contact_info: 'Jane Doe (jdoe@slac.stanford.edu)',
    posix_group: `ps-${s.name}`,
    params: {
      PNR: `L-${s.name.slice(-5)}`,
      DATA_PATH: `/sdf/data/lcls/ds/${s.hutch}/${s.name}`,
      ...(exp.dmLocations ? { dm_locations: exp.dmLocations } : {}),
    },
    ...(exp.locked ? { is_locked: true } : {}),
  };
}

/** §4.2 run document; `params` only when asked. */
export function runDoc(run: SimRun, withParams: boolean): Record<string, unknown> {
  const editable = Object.fromEntries(
    Object.entries(run.editable_params).map(([k, v]) => [k, { ...v, modified_time: isoformat(v.modified_time) }]),
  );
  return {
    _id: run._id,
    num: run.num,
    type: run.type,
    begin_time: isoformat(run.begin_time),
    end_time: run.end_time === null ? null : isoformat(run.end_time),
    ...(withParams ? { params: run.params } : {}),
    editable_params: editable,
  };
}

/** §4.4 entry document (attachment bytes stay in the store). */
export function entryDoc(entry: SimEntry): Record<string, unknown> {
  const { attachments, relevance_time, insert_time, deleted_time, ...rest } = entry;
  return {
    ...rest,
    relevance_time: isoformat(relevance_time),
    insert_time: isoformat(insert_time),
    ...(deleted_time !== undefined ? { deleted_time: isoformat(deleted_time) } : {}),
    ...(attachments
      ? {
          attachments: attachments.map((a) => ({
            _id: a._id,
            name: a.name,
            type: a.type,
            url: a.url,
            ...(a.preview_url ? { preview_url: a.preview_url } : {}),
          })),
        }
      : {}),
  };
}
