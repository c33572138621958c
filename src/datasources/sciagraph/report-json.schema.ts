import { z } from 'zod';

/** Largest `report.json` the index reads, in bytes (contract §3.1). */
export const REPORT_JSON_MAX_BYTES = 64 * 1024;

const EARLIEST_START_SECS = 946_684_800;
const MAX_DURATION_MS = 3.2e11;
const NO_ID_TEXTS = new Set(['', 'unknown', 'unknown, see docs to learn how to set this']);

/** `report.json` fields the index keeps; unknown keys are ignored (contract §3, §3.1). */
export const reportJsonSchema = z.object({
  start_time_secs_since_epoch: z.number().finite().min(EARLIEST_START_SECS),
  duration_ms: z.number().finite().min(0).max(MAX_DURATION_MS),
  peak_memory_kb: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  id: z
    .union([z.string(), z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER), z.null()])
    .optional(),
});

/** A validated report, before its job id is canonicalised. */
export interface ValidReportJson {
  /** Epoch milliseconds. */
  startedAtMs: number;
  durationMs: number;
  peakMemoryKiB: number;
  /** Trimmed raw id, or undefined when the report names no job ("Unknown…", null, missing). */
  rawId: string | undefined;
}

/** Outcome of reading one `report.json`; `reason` names what was wrong, never the content. */
export type ReportJsonOutcome =
  { ok: true; report: ValidReportJson } | { ok: false; reason: string; unparsable: boolean };

/**
 * Parses and validates the text of a `report.json`. `nowMs` bounds the start time (now + 1 day).
 * Never throws.
 */
export function parseReportJson(text: string, nowMs: number): ReportJsonOutcome {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `not JSON (${(error as Error).message})`, unparsable: true };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return { ok: false, reason: 'not a JSON object', unparsable: true };
  const parsed = reportJsonSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    return { ok: false, reason: issues.join('; '), unparsable: false };
  }
  const {
    start_time_secs_since_epoch: start,
    duration_ms: durationMs,
    peak_memory_kb: peakMemoryKiB,
    id,
  } = parsed.data;
  if (start * 1000 > nowMs + 86_400_000)
    return { ok: false, reason: 'start_time_secs_since_epoch: more than a day in the future', unparsable: false };
  const rawId = id === null || id === undefined ? undefined : String(id).trim();
  if (rawId !== undefined && rawId.length > 256)
    return { ok: false, reason: 'id: longer than 256 characters', unparsable: false };
  return {
    ok: true,
    report: {
      startedAtMs: Math.round(start * 1000),
      durationMs,
      peakMemoryKiB,
      rawId: rawId === undefined || NO_ID_TEXTS.has(rawId.toLowerCase()) ? undefined : rawId,
    },
  };
}
