/** RFC 19 dothex: 16 lower-case hex digits in 4 dot-separated groups (`0000.004a.8a00.0000`); fixed width, so it sorts numerically. */
export function formatDothex(id: bigint): string {
  return id.toString(16).padStart(16, '0').replace(/(.{4})(?!$)/g, '$1.');
}
