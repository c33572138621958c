/**
 * The running job of the demo's default cluster (psana) that started last: in the live demo it runs on
 * for a few live steps (5 s each), so a subscriber sees its backlog, then its teardown up to `clean`.
 */
export async function newestRunningJob(graphqlUrl: string): Promise<string> {
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: '{ jobs(filter: { states: [RUN], clusters: ["psana"] }, first: 500) { nodes { id startedAt } } }',
    }),
  });
  const running = ((await response.json()) as { data: { jobs: { nodes: { id: string; startedAt: string }[] } } }).data
    .jobs.nodes;
  const newest = running.sort((a, b) => b.startedAt.localeCompare(a.startedAt))[0];
  if (!newest) throw new Error('the live demo has no running job');
  return newest.id;
}
