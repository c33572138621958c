/**
 * Follows one job live until it ends, with the typed subscription documents graphql-codegen
 * generates from examples/operations/ over WebSocket (graphql-ws): each event as Flux posts it
 * (`jobEvents`, from the start of its eventlog) and, at the same time, its output as the job
 * writes it (`jobOutput`). Returns when both complete: after the job's `clean` event and the
 * last end of stream of its output.
 *
 *   node dist/examples/typescript-client/follow.js ID
 *
 * The gateway is `$JOBGRAPH_URL` (default http://127.0.0.1:4000/graphql); `$JOBGRAPH_TOKEN`,
 * when set, is sent as a bearer token. Exits 1 on any GraphQL or connection error.
 */
import { FollowJobDocument, FollowJobOutputDocument } from '../generated/graphql';
import { createSubscriptionClient, reportError, subscribe } from './gateway-client';

function describeContext(context: unknown): string {
  if (context === null || context === undefined) return '';
  const text = JSON.stringify(context);
  return text.length > 80 ? ` ${text.slice(0, 77)}...` : ` ${text}`;
}

async function main(): Promise<void> {
  const id = process.argv[2];
  if (!id) throw new Error('usage: follow.ts ID');
  const client = createSubscriptionClient();
  const counts = { events: 0, lines: 0 };
  let last = '';
  try {
    const events = (async () => {
      for await (const { jobEvents: event } of subscribe(client, FollowJobDocument, { id })) {
        counts.events++;
        last = event.name;
        process.stdout.write(`${event.timestamp} event ${event.name}${describeContext(event.context)}\n`);
      }
    })();
    const output = (async () => {
      for await (const { jobOutput: chunk } of subscribe(client, FollowJobOutputDocument, { id })) {
        if (chunk.line) {
          counts.lines++;
          process.stdout.write(
            `${chunk.line.time} ${chunk.line.stream.toLowerCase()} ${chunk.line.rank}: ${chunk.line.text}`,
          );
          if (!chunk.line.text.endsWith('\n')) process.stdout.write('\n');
        }
        if (chunk.redirect)
          process.stdout.write(
            `${chunk.redirect.stream.toLowerCase()} of rank ${chunk.redirect.rank} goes to ${chunk.redirect.path}\n`,
          );
      }
    })();
    // The first failure ends both: the other subscription may wait for a job that never starts.
    for (const followed of [events, output]) followed.catch(() => undefined);
    await Promise.all([events, output]);
  } finally {
    await client.dispose();
  }
  process.stdout.write(`job ${id} ended (last event ${last}): ${counts.events} events, ${counts.lines} output lines\n`);
}

main().catch(reportError);
