import { Arg, Ctx, Int, Mutation, Resolver } from 'type-graphql';
import { BadUserInputError } from '../errors';
import type { ElogAttachmentInput as ElogFile, ElogCallOptions, ElogEntry } from '../datasources/elog/elog-types';
import { ElogMessage } from '../schema/elog-message.type';
import { ElogMessageInput } from '../schema/elog-message.input';
import type { ElogAttachmentInput } from '../schema/elog-message.input';
import { JSONScalar } from '../schema/scalars/json.scalar';
import { assertOperator } from '../auth/job-visibility';
import { configuredDatasource } from './configured-datasource';
import type { GraphQLContext } from './graphql-context';

function decodeAttachment(file: ElogAttachmentInput): ElogFile {
  const text = file.base64.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.replace(/=+$/, '').length % 4 === 1) {
    throw new BadUserInputError(`attachment ${file.name}: base64 is not valid`, { name: file.name });
  }
  return {
    name: file.name,
    data: Buffer.from(text, 'base64'),
    ...(file.contentType ? { type: file.contentType } : {}),
  };
}

function valuesObject(values: unknown, what: string): Record<string, unknown> {
  if (values === null || typeof values !== 'object' || Array.isArray(values))
    throw new BadUserInputError(`${what} must be a JSON object`);
  return values as Record<string, unknown>;
}

/** The caller's eLog call options for a write: anyone but an operator writes with their own credentials only. */
export const writeCall = (ctx: GraphQLContext): ElogCallOptions =>
  ctx.caller.isOperator ? ctx.loaders.elog.call : { ...ctx.loaders.elog.call, writeWithCallerCredentials: true };

/** eLog writes. None is retried: a timeout error carries `maybeStored` and `sentAt` instead. */
@Resolver()
export class ElogMutationResolver {
  @Mutation(() => ElogMessage, {
    description:
      'Posts an eLog entry (text, title, tags, run, attachments). Sent once and never retried; on UPSTREAM_TIMEOUT / UPSTREAM_UNAVAILABLE with extensions.maybeStored = true, the entry may or may not have been stored: look for it (e.g. by a unique word in the text) before posting again.',
  })
  postElogMessage(
    @Arg('input', () => ElogMessageInput) input: ElogMessageInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ElogEntry> {
    const elog = configuredDatasource(ctx, 'elog');
    return elog.postMessage(
      {
        experiment: input.experiment,
        text: input.text,
        ...(input.title != null ? { title: input.title } : {}),
        ...(input.tags != null ? { tags: input.tags } : {}),
        ...(input.run != null ? { run: input.run } : {}),
        ...(input.attachments != null ? { attachments: input.attachments.map(decodeAttachment) } : {}),
      },
      writeCall(ctx),
    );
  }

  @Mutation(() => Boolean, {
    description:
      "Merges values (scalars or lists of scalars) into a run's run-table parameters. Idempotent; NOT_FOUND, unsent, for an unknown run.",
  })
  updateRunTable(
    @Arg('experiment', () => String) experiment: string,
    @Arg('run', () => Int) run: number,
    @Arg('values', () => JSONScalar) values: unknown,
    @Ctx() ctx: GraphQLContext,
  ): Promise<boolean> {
    return configuredDatasource(ctx, 'elog').updateRunTable(
      experiment,
      run,
      valuesObject(values, 'values'),
      writeCall(ctx),
    );
  }

  @Mutation(() => Boolean, {
    description:
      'Operators only. Updates the ARP job page counters ({name: scalar}) of an ARP job: reads the current counters, overlays these, replaces them. updateUrl defaults to JID_UPDATE_COUNTERS / ARP_UPDATE_COUNTERS of the gateway and must start with an entry of JOBGRAPH_ELOG_JID_URL_PREFIXES.',
  })
  postRunStatus(
    @Arg('values', () => JSONScalar) values: unknown,
    @Ctx() ctx: GraphQLContext,
    @Arg('updateUrl', () => String, { nullable: true }) updateUrl?: string | null,
  ): Promise<boolean> {
    // The counters are posted with the gateway's own ARP token, not the caller's: hence operators only.
    assertOperator(ctx.caller, 'postRunStatus');
    return configuredDatasource(ctx, 'elog').postRunStatus(
      valuesObject(values, 'values'),
      updateUrl ?? undefined,
      ctx.loaders.elog.call,
    );
  }
}
