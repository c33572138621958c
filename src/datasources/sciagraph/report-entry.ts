/** Download instructions recorded for one profiled run (contract §8). Keys are secrets: never log them. */
export interface ProfileResult {
  /** Canonical index key of the job id (decimal for Flux ids, the text otherwise). */
  jobKey: string;
  /** The id as exposed: canonical `ƒ` f58 for Flux ids, else the text. */
  jobId: string;
  /** Job start as given by Sciagraph, epoch milliseconds. */
  jobTimeMs: number;
  downloadKey: string | null;
  decryptionKey: string | null;
  peakMemoryKiB: number | null;
  /** Diagnostics only; never used to read or serve files. */
  reportPath: string | null;
  hostname: string | null;
  jobIdSource: string | null;
  /** When the gateway (or the handler's sidecar) recorded it, epoch milliseconds. */
  recordedAtMs: number;
}

/** One indexed report directory (contract §7.6). */
export interface ReportEntry {
  /** 22-character base64url id, stable across restarts (see `reportKeyOf`). */
  reportKey: string;
  /** Real path of the root the report was found under. */
  root: string;
  /** Directory of the report relative to `root`, `/`-separated. */
  relDir: string;
  /** `dev:ino` of the report directory when indexed; served files must still be below it. */
  dirId: string;
  jobKey: string;
  jobId: string;
  /** The Flux id when the job id parsed as one; undefined for text ids. */
  fluxId: bigint | undefined;
  /** Report start, epoch milliseconds. */
  startedAtMs: number;
  durationMs: number;
  /** Peak memory in KiB (may exceed 2^31-1; the resolver rejects those). */
  peakMemoryKiB: number;
  /** Regular file names directly inside the report directory. */
  files: readonly string[];
  /** Download instructions from the handler's sidecar file, if any. */
  sidecar: ProfileResult | undefined;
  /** Owners (uids) of `report.json` and of the sidecar when there is one: who may have planted them. */
  ownerUids: readonly number[];
}

/** A report with its merged download instructions, as lookups return it. */
export interface ProfileReportRecord extends ReportEntry {
  downloadInstructions: ProfileResult | undefined;
}
