/**
 * `_id` of a job's history document: `<cluster>:<decimal job id>`, so the same id on two
 * clusters is two documents. Documents forwarded before clusters existed have the decimal id
 * alone (`cluster` undefined here); they keep answering (docs/clusters.md, index migration).
 */
export function jobDocumentId(cluster: string | undefined, id: bigint | string): string {
  return cluster === undefined ? String(id) : `${cluster}:${id}`;
}
