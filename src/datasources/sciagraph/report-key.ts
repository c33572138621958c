import { createHash } from 'node:crypto';

/** Pattern every report key matches (22 base64url characters). */
export const REPORT_KEY_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/**
 * Stable id of a report directory: base64url of the first 16 bytes of
 * SHA-256(`rootRealpath` + NUL + `relativeDir`) (contract §7.6).
 */
export function reportKeyOf(rootRealpath: string, relativeDir: string): string {
  return createHash('sha256').update(`${rootRealpath}\0${relativeDir}`).digest().subarray(0, 16).toString('base64url');
}
