/**
 * The typed client's "cancel button": cancels jobs through jobgraph's `cancelJobs` (the gateway
 * needs JOBGRAPH_JOB_CONTROL=on; Flux's rules apply: users cancel their own jobs only) and prints
 * one line per id: the job's state after the cancel and the exception note naming the caller, or
 * why that job was not canceled.
 *
 *   node dist/examples/typescript-client/cancel.js ID [ID…] [--reason TEXT]
 *
 * Exits 1 when any id was not canceled, or on a GraphQL or HTTP error.
 */
import { CancelJobsDocument } from '../generated/graphql';
import { createGatewayClient, reportError } from './gateway-client';

function parseArgs(args: string[]): { ids: string[]; reason?: string } {
  const at = args.indexOf('--reason');
  const reason = at >= 0 ? args[at + 1] : undefined;
  const ids = at >= 0 ? [...args.slice(0, at), ...args.slice(at + 2)] : args;
  return reason === undefined ? { ids } : { ids, reason };
}

async function main(): Promise<void> {
  const { ids, reason } = parseArgs(process.argv.slice(2));
  if (ids.length === 0) throw new Error('usage: cancel.ts ID [ID…] [--reason TEXT]');
  const { client } = createGatewayClient();
  const result = await client.mutation(CancelJobsDocument, { ids, reason: reason ?? null }).toPromise();
  if (result.error) throw result.error;
  for (const one of result.data?.cancelJobs ?? []) {
    if (one.ok) {
      process.stdout.write(`${one.id} canceled: ${one.job?.state ?? '?'} — ${one.job?.exception?.note ?? ''}\n`);
    } else {
      process.stdout.write(`${one.id} not canceled [${one.error?.code ?? '?'}] ${one.error?.message ?? ''}\n`);
      process.exitCode = 1;
    }
  }
}

main().catch(reportError);
