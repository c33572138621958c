import { escapeKeys, objectId } from './elog-sim-json';
import { seedEntryHistory } from './elog-sim-seed';
import type { ElogSimDataset, ElogSimExperiment } from './elog-sim-types';
import type { SimWorkflowJob } from './elog-sim-workflows';

/** A stored attachment: metadata as explgbk keeps it, plus the bytes. */
export interface SimAttachment {
  _id: string;
  name: string;
  type: string;
  url: string;
  preview_url?: string;
  data: Uint8Array;
  /** The PNG `preview_url` points at. */
  preview?: Uint8Array;
}

/** A stored logbook entry (times in epoch ms). */
export interface SimEntry {
  _id: string;
  relevance_time: number;
  insert_time: number;
  author: string;
  content: string;
  content_type: 'TEXT';
  title?: string;
  tags?: string[];
  run_num?: number;
  attachments?: SimAttachment[];
  /** Thread links of a follow-up (ids). */
  parent?: string;
  root?: string;
  /** Logical delete, also set on the old version an edit keeps. */
  deleted_by?: string;
  deleted_time?: number;
  previous_version?: string;
}

/** A stored run (times in epoch ms; `params` keys escaped). */
export interface SimRun {
  _id: string;
  num: number;
  type: string;
  begin_time: number;
  end_time: number | null;
  params: Record<string, unknown>;
  editable_params: Record<string, { value: unknown; modified_by: string; modified_time: number }>;
}

/** One experiment's state in the simulator. */
export interface SimExperiment {
  source: ElogSimExperiment;
  id: string;
  locked: boolean;
  /** Ascending by number. */
  runs: SimRun[];
  entries: SimEntry[];
  workflows: Record<string, unknown>[];
  /** explgbk `workflow_jobs` (created by `create_workflow_job`; a few seeded as the ARP ran them). */
  workflowJobs: SimWorkflowJob[];
  /** The experiment's `params.dm_locations` (space-separated names of site DM locations). */
  dmLocations: string;
}

/** Everything the simulated eLog and JID hold; writes land here and are read back from here. */
export class ElogSimStore {
  readonly experiments = new Map<string, SimExperiment>();
  /** JID counters by `<experiment>/<job id>`. */
  readonly counters = new Map<string, { key: string; value: string }[]>();
  private serial = 0;

  constructor(dataset: ElogSimDataset, locked: readonly string[] = []) {
    for (const exp of dataset.experiments) {
      const runs = [...exp.runs]
        .sort((a, b) => a.number - b.number)
        .map((r, i): SimRun => ({
          _id: this.newId(),
          num: r.number,
          type: 'DATA',
          begin_time: r.beginTime * 1000,
          end_time: r.endTime === undefined ? null : r.endTime * 1000,
          params: escapeKeys(r.params),
          editable_params:
            i % 7 === 3
              ? {
                  Comment: {
                    value: 'good hits',
                    modified_by: 'jdoe',
                    modified_time: (r.endTime ?? r.beginTime) * 1000 + 60_000,
                  },
                }
              : {},
        }));
      const entries = exp.runs
        .filter((r) => r.tags.length > 0)
        .map((r): SimEntry => {
          const t = (r.endTime ?? r.beginTime) * 1000 + 30_000;
          return {
            _id: this.newId(),
            relevance_time: t,
            insert_time: t,
            author: `${exp.hutch}opr`,
            content: `Run ${r.number}: ${r.tags.join(', ')}`,
            content_type: 'TEXT',
            tags: [...r.tags],
            run_num: r.number,
          };
        });
      seedEntryHistory(entries, () => this.newId());
      const workflows = exp.workflows.map((w) => ({
        // explgbk's ids are ObjectIds (its routes crash on anything else): the dataset's own when it is one.
        _id: /^[0-9a-f]{24}$/.test(w.id) ? w.id : this.newId(),
        name: w.name,
        executable: w.executable,
        parameters: w.parameters,
        trigger: w.trigger,
        location: w.location,
        run_as_user: 'jdoe',
      }));
      this.experiments.set(exp.name, {
        source: exp,
        id: exp.name,
        locked: locked.includes(exp.name),
        runs,
        entries,
        workflows,
        workflowJobs: this.seedWorkflowJobs(exp.name, runs, workflows[0]?._id),
        // Every other experiment may also run workflows at NERSC.
        dmLocations: this.experiments.size % 2 === 0 ? 'NERSC' : '',
      });
    }
  }

  /**
   * The ARP's jobs of the first definition (END_OF_RUN in the shared dataset) on every closed run,
   * finished, with the counters the ARP left on their job pages.
   */
  private seedWorkflowJobs(experiment: string, runs: readonly SimRun[], defId: string | undefined): SimWorkflowJob[] {
    if (defId === undefined) return [];
    return runs
      .filter((r) => r.end_time !== null)
      .map((r, i) => {
        const job: SimWorkflowJob = {
          _id: this.newId(),
          run_num: r.num,
          def_id: defId,
          user: 'jdoe',
          status: 'DONE',
          submit_time: (r.end_time as number) + 5_000,
          tool_id: String(4_100_000 + r.num * 10 + i),
        };
        this.counters.set(`${experiment}/${job._id}`, [
          { key: 'Events', value: String(1000 + r.num) },
          { key: 'Status', value: '<b>DONE</b>' },
        ]);
        return job;
      });
  }

  /** A fresh 24-hex id. */
  newId(): string {
    this.serial += 1;
    return objectId(0x65f2f0aa, this.serial);
  }

  /** The active experiment of an instrument (any case) and station, if any. */
  active(instrument: string, station: number): SimExperiment | undefined {
    const wanted = instrument.toUpperCase();
    return [...this.experiments.values()].find(
      (e) => e.source.isActive && e.source.instrument.toUpperCase() === wanted && e.source.station === station,
    );
  }

  /** Distinct run numbers of entries with exactly `tag` and a run, ascending. */
  runsWithTag(exp: SimExperiment, tag: string): number[] {
    const runs = new Set(
      exp.entries.filter((e) => e.run_num !== undefined && e.tags?.includes(tag)).map((e) => e.run_num as number),
    );
    return [...runs].sort((a, b) => a - b);
  }

  /** Run number (as a string key) → tags of its entries. */
  runsToTags(exp: SimExperiment): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const e of exp.entries) {
      if (e.run_num === undefined || !e.tags) continue;
      const list = (out[String(e.run_num)] ??= []);
      for (const t of e.tags) if (!list.includes(t)) list.push(t);
    }
    return out;
  }
}
