import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';

/**
 * The second subgraph of the federation tests (and of docs/federation.md's worked example): a
 * facility's "proposals" service. It owns `Proposal`, references jobgraph's `Experiment` by key,
 * adds `Experiment.proposal`, and adds `Job.allocation`, which `@requires` jobgraph's `Job.bank`.
 */
export const PROPOSALS_SDL = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@external", "@requires"])

scalar JobId

type Query {
  """A beamtime proposal by id; null when unknown."""
  proposal(id: ID!): Proposal
  proposals: [Proposal!]!
}

"""A beamtime proposal; its experiments are jobgraph's (the eLog)."""
type Proposal @key(fields: "id") {
  id: ID!
  title: String!
  experiments: [Experiment!]!
}

type Experiment @key(fields: "name") {
  name: String!
  """The proposal the experiment was scheduled under."""
  proposal: Proposal
}

type Job @key(fields: "id") {
  id: JobId!
  bank: String @external
  """The beamtime allocation the job's Flux bank charges (needs jobgraph's Job.bank)."""
  allocation: String @requires(fields: "bank")
}
`;

/** One proposal of the test service. */
export interface Proposal {
  id: string;
  title: string;
  /** Experiment names (jobgraph's `Experiment` keys). */
  experiments: string[];
}

/** What the proposals service was asked, for assertions. */
export interface ProposalsLog {
  /** `Job.allocation` lookups: the `bank` the router fetched from jobgraph first (null when unset). */
  allocationBanks: Array<string | null>;
  /** Headers of every request the router sent. */
  headers: Array<Record<string, string | string[] | undefined>>;
}

/** The running proposals subgraph. */
export interface ProposalsSubgraph {
  url: string;
  log: ProposalsLog;
  close(): Promise<void>;
}

/** Banks' beamtime allocations: `bank` → allocation name. */
export const ALLOCATIONS: Readonly<Record<string, string>> = { lcls: 'LCLS beamtime 2026', cryoem: 'CryoEM 2026-B' };

/** The proposals service as an executable subgraph over `proposals`. */
function proposalsSchema(proposals: readonly Proposal[], log: ProposalsLog) {
  const byId = new Map(proposals.map((p) => [p.id, p]));
  const byExperiment = new Map(proposals.flatMap((p) => p.experiments.map((name) => [name, p] as const)));
  return buildSubgraphSchema([
    {
      typeDefs: parse(PROPOSALS_SDL),
      resolvers: {
        Query: {
          proposal: (_: unknown, args: { id: string }) => byId.get(args.id) ?? null,
          proposals: () => proposals,
        },
        Proposal: {
          __resolveReference: (ref: { id: string }) => byId.get(ref.id) ?? null,
          experiments: (p: Proposal) => p.experiments.map((name) => ({ name })),
        },
        Experiment: {
          proposal: (e: { name: string }) => byExperiment.get(e.name) ?? null,
        },
        Job: {
          allocation: (job: { bank?: string | null }) => {
            log.allocationBanks.push(job.bank ?? null);
            return job.bank ? (ALLOCATIONS[job.bank] ?? null) : null;
          },
        },
      } as never,
    },
  ]);
}

/** Starts the proposals subgraph on a loopback port. */
export async function startProposalsSubgraph(proposals: readonly Proposal[]): Promise<ProposalsSubgraph> {
  const log: ProposalsLog = { allocationBanks: [], headers: [] };
  const server = new ApolloServer({
    schema: proposalsSchema(proposals, log),
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async ({ req }) => {
      log.headers.push({ ...req.headers });
      return {};
    },
  });
  return { url, log, close: () => server.stop() };
}
