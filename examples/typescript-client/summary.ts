/**
 * A terminal summary of one user's running and failed jobs, from a jobgraph gateway, using the
 * typed documents graphql-codegen generates from examples/operations/ (`npm run codegen`) with
 * urql's core client (gateway-client.ts). Its "cancel button" is cancel.ts.
 *
 *   node dist/examples/typescript-client/summary.js [USER]
 *
 * USER is a user name or uid (default `$JOBGRAPH_USER`, else the submitter of the newest failed
 * job). The gateway is `$JOBGRAPH_URL` (default http://127.0.0.1:4000/graphql); `$JOBGRAPH_TOKEN`,
 * when set, is sent as a bearer token. Exits 1 on any GraphQL or HTTP error.
 */
import type { AnyVariables, TypedDocumentNode } from '@urql/core';
import { JobsPageDocument, UserJobsDocument } from '../generated/graphql';
import type { JobSummaryFragment } from '../generated/graphql';
import { createGatewayClient, reportError } from './gateway-client';

type SummaryJob = JobSummaryFragment & {
  exitCode?: number | null;
  exception?: { type?: string | null; note?: string | null } | null;
};

function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '-';
  const s = Math.round(seconds);
  return s >= 3600
    ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`
    : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function section(title: string, jobs: SummaryJob[], extra: (job: SummaryJob) => string): string {
  if (jobs.length === 0) return `${title}: none`;
  const header = ['ID', 'NAME', 'QUEUE', 'NODES', 'TASKS', 'RUNTIME', 'SUBMITTED', ''];
  const rows = jobs.map((job) => [
    job.id,
    job.name ?? '-',
    job.queue ?? '-',
    String(job.nnodes ?? '-'),
    String(job.ntasks ?? '-'),
    duration(job.runtimeSeconds),
    job.submittedAt.slice(0, 16).replace('T', ' '),
    extra(job),
  ]);
  return `${title} (${jobs.length}):\n${table([header, ...rows])}`;
}

async function main(): Promise<void> {
  const { url, client } = createGatewayClient();
  const request = async <Data, Variables extends AnyVariables>(
    document: TypedDocumentNode<Data, Variables>,
    variables: Variables,
  ): Promise<Data> => {
    const result = await client.query(document, variables).toPromise();
    if (result.error) throw result.error;
    if (!result.data) throw new Error('empty response');
    return result.data;
  };

  let user = process.argv[2] ?? process.env.JOBGRAPH_USER;
  if (!user) {
    const newestFailed = await request(JobsPageDocument, { filter: { results: ['FAILED'] }, first: 1 });
    user = newestFailed.jobs?.edges[0]?.node.userName ?? undefined;
    if (!user) throw new Error('no failed job to take a user from; pass a user name');
  }

  const { running, failed } = await request(UserJobsDocument, { user, first: 20 });
  const lines = [
    `jobgraph: jobs of ${user} (${url})`,
    '',
    section('Running', running?.nodes ?? [], () => ''),
    '',
    section('Failed', failed?.nodes ?? [], (job) => {
      const exception = job.exception?.type
        ? `${job.exception.type}${job.exception.note ? `: ${job.exception.note}` : ''}`
        : '';
      return [`exit ${job.exitCode ?? '?'}`, exception].filter(Boolean).join(', ');
    }),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch(reportError);
