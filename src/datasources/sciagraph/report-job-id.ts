import { formatJobId, parseJobId } from '../flux/job-id';

/** A Sciagraph job id, canonicalised for the index (contract §4). */
export interface CanonicalJobId {
  /** Index key: the unsigned 64-bit value in decimal for Flux ids, else the trimmed text. */
  jobKey: string;
  /** Exposed id: canonical `ƒ` f58 for Flux ids, else the trimmed text. */
  jobId: string;
  /** The Flux id, when the text is one in any RFC 19 form. */
  fluxId: bigint | undefined;
}

/** Canonicalises a job id: any RFC 19 Flux id form becomes its value, anything else stays text. */
export function canonicalJobId(raw: string): CanonicalJobId {
  const text = raw.trim();
  let fluxId: bigint | undefined;
  try {
    fluxId = parseJobId(text);
  } catch {
    fluxId = undefined;
  }
  if (fluxId === undefined) return { jobKey: text, jobId: text, fluxId: undefined };
  return { jobKey: fluxId.toString(), jobId: formatJobId(fluxId, 'f58'), fluxId };
}

/** The index key of a Flux job (its decimal value). */
export function jobKeyOfFluxId(id: bigint): string {
  return id.toString();
}
