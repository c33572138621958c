import type { PlaygroundTab } from './playground-page-config';

/** A tab that asks for `$id: JobId!` and brings no variables of its own. */
const NEEDS_JOB_ID = /\$id\s*:\s*JobId!/;

/**
 * The example tabs with a real job id filled into those that need one (`{"id": "ƒ…"}`), so every
 * example runs as-is; unchanged when no id is known.
 */
export function withExampleJobId(tabs: readonly PlaygroundTab[], jobId: string | undefined): PlaygroundTab[] {
  if (jobId === undefined) return [...tabs];
  return tabs.map((tab) =>
    tab.variables === undefined && NEEDS_JOB_ID.test(tab.query)
      ? { ...tab, variables: `${JSON.stringify({ id: jobId }, null, 2)}\n` }
      : tab,
  );
}
