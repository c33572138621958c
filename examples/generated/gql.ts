/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "subscription FollowJob($id: JobId!) {\n  jobEvents(id: $id) {\n    timestamp\n    name\n    context\n  }\n}": typeof types.FollowJobDocument,
    "mutation CancelJobs($ids: [JobId!]!, $reason: String) {\n  cancelJobs(ids: $ids, reason: $reason) {\n    id\n    ok\n    job {\n      id\n      state\n      result\n      exception {\n        type\n        note\n      }\n    }\n    error {\n      code\n      message\n      reason\n    }\n  }\n}": typeof types.CancelJobsDocument,
    "query JobOutput($id: JobId!) {\n  job(id: $id) {\n    id\n    state\n    output(tail: 20) {\n      complete\n      truncated\n      lines {\n        time\n        stream\n        rank\n        text\n      }\n      redirects {\n        stream\n        rank\n        path\n      }\n    }\n  }\n}": typeof types.JobOutputDocument,
    "query JobStats {\n  jobStats {\n    successful\n    failed\n    canceled\n    timeout\n    jobStates {\n      run\n      sched\n      priority\n      depend\n      cleanup\n      inactive\n      total\n    }\n    queues {\n      name\n      successful\n      failed\n      jobStates {\n        run\n        sched\n        inactive\n      }\n    }\n  }\n}": typeof types.JobStatsDocument,
    "query Job($id: JobId!) {\n  job(id: $id) {\n    id\n    name\n    userName\n    state\n    result\n    status\n    submittedAt\n    runtimeSeconds\n    exitCode\n    eventlog {\n      timestamp\n      name\n    }\n    jobspec {\n      command\n      durationSeconds\n    }\n  }\n}": typeof types.JobDocument,
    "query JobsPage($filter: JobFilter, $first: Int! = 100, $after: String) {\n  jobs(filter: $filter, first: $first, after: $after) {\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        id\n        userName\n        queue\n        bank\n        state\n        result\n        submittedAt\n        startedAt\n        inactiveAt\n        runtimeSeconds\n      }\n    }\n  }\n}": typeof types.JobsPageDocument,
    "query JobsPerDay($from: DateTime) {\n  jobAggregations(\n    source: JOBS_API\n    filter: {from: $from}\n    aggs: [{name: \"perDay\", dateHistogram: {field: SUBMITTED_AT, calendarInterval: \"day\"}}, {name: \"byStatus\", terms: {field: STATUS, size: 10}}]\n  ) {\n    total\n    aggregations {\n      name\n      kind\n      buckets {\n        key\n        keyAsString\n        docCount\n      }\n    }\n  }\n}": typeof types.JobsPerDayDocument,
    "query RecentJobsWithEventlog($first: Int! = 5) {\n  jobs(first: $first) {\n    nodes {\n      id\n      name\n      userName\n      queue\n      status\n      submittedAt\n      runtimeSeconds\n      eventlog {\n        name\n        timestamp\n        context\n      }\n    }\n  }\n}": typeof types.RecentJobsWithEventlogDocument,
    "subscription FollowJobOutput($id: JobId!) {\n  jobOutput(id: $id) {\n    line {\n      time\n      stream\n      rank\n      text\n    }\n    eof {\n      stream\n      rank\n    }\n    redirect {\n      stream\n      rank\n      path\n    }\n  }\n}": typeof types.FollowJobOutputDocument,
    "query UserJobs($user: String!, $first: Int! = 20) {\n  running: jobs(filter: {users: [$user], states: [RUN]}, first: $first) {\n    nodes {\n      ...JobSummary\n    }\n  }\n  failed: jobs(filter: {users: [$user], results: [FAILED]}, first: $first) {\n    nodes {\n      ...JobSummary\n      exitCode\n      exception {\n        type\n        note\n      }\n    }\n  }\n}\n\nfragment JobSummary on Job {\n  id\n  name\n  queue\n  bank\n  state\n  result\n  submittedAt\n  startedAt\n  runtimeSeconds\n  nnodes\n  ntasks\n}": typeof types.UserJobsDocument,
};
const documents: Documents = {
    "subscription FollowJob($id: JobId!) {\n  jobEvents(id: $id) {\n    timestamp\n    name\n    context\n  }\n}": types.FollowJobDocument,
    "mutation CancelJobs($ids: [JobId!]!, $reason: String) {\n  cancelJobs(ids: $ids, reason: $reason) {\n    id\n    ok\n    job {\n      id\n      state\n      result\n      exception {\n        type\n        note\n      }\n    }\n    error {\n      code\n      message\n      reason\n    }\n  }\n}": types.CancelJobsDocument,
    "query JobOutput($id: JobId!) {\n  job(id: $id) {\n    id\n    state\n    output(tail: 20) {\n      complete\n      truncated\n      lines {\n        time\n        stream\n        rank\n        text\n      }\n      redirects {\n        stream\n        rank\n        path\n      }\n    }\n  }\n}": types.JobOutputDocument,
    "query JobStats {\n  jobStats {\n    successful\n    failed\n    canceled\n    timeout\n    jobStates {\n      run\n      sched\n      priority\n      depend\n      cleanup\n      inactive\n      total\n    }\n    queues {\n      name\n      successful\n      failed\n      jobStates {\n        run\n        sched\n        inactive\n      }\n    }\n  }\n}": types.JobStatsDocument,
    "query Job($id: JobId!) {\n  job(id: $id) {\n    id\n    name\n    userName\n    state\n    result\n    status\n    submittedAt\n    runtimeSeconds\n    exitCode\n    eventlog {\n      timestamp\n      name\n    }\n    jobspec {\n      command\n      durationSeconds\n    }\n  }\n}": types.JobDocument,
    "query JobsPage($filter: JobFilter, $first: Int! = 100, $after: String) {\n  jobs(filter: $filter, first: $first, after: $after) {\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        id\n        userName\n        queue\n        bank\n        state\n        result\n        submittedAt\n        startedAt\n        inactiveAt\n        runtimeSeconds\n      }\n    }\n  }\n}": types.JobsPageDocument,
    "query JobsPerDay($from: DateTime) {\n  jobAggregations(\n    source: JOBS_API\n    filter: {from: $from}\n    aggs: [{name: \"perDay\", dateHistogram: {field: SUBMITTED_AT, calendarInterval: \"day\"}}, {name: \"byStatus\", terms: {field: STATUS, size: 10}}]\n  ) {\n    total\n    aggregations {\n      name\n      kind\n      buckets {\n        key\n        keyAsString\n        docCount\n      }\n    }\n  }\n}": types.JobsPerDayDocument,
    "query RecentJobsWithEventlog($first: Int! = 5) {\n  jobs(first: $first) {\n    nodes {\n      id\n      name\n      userName\n      queue\n      status\n      submittedAt\n      runtimeSeconds\n      eventlog {\n        name\n        timestamp\n        context\n      }\n    }\n  }\n}": types.RecentJobsWithEventlogDocument,
    "subscription FollowJobOutput($id: JobId!) {\n  jobOutput(id: $id) {\n    line {\n      time\n      stream\n      rank\n      text\n    }\n    eof {\n      stream\n      rank\n    }\n    redirect {\n      stream\n      rank\n      path\n    }\n  }\n}": types.FollowJobOutputDocument,
    "query UserJobs($user: String!, $first: Int! = 20) {\n  running: jobs(filter: {users: [$user], states: [RUN]}, first: $first) {\n    nodes {\n      ...JobSummary\n    }\n  }\n  failed: jobs(filter: {users: [$user], results: [FAILED]}, first: $first) {\n    nodes {\n      ...JobSummary\n      exitCode\n      exception {\n        type\n        note\n      }\n    }\n  }\n}\n\nfragment JobSummary on Job {\n  id\n  name\n  queue\n  bank\n  state\n  result\n  submittedAt\n  startedAt\n  runtimeSeconds\n  nnodes\n  ntasks\n}": types.UserJobsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription FollowJob($id: JobId!) {\n  jobEvents(id: $id) {\n    timestamp\n    name\n    context\n  }\n}"): (typeof documents)["subscription FollowJob($id: JobId!) {\n  jobEvents(id: $id) {\n    timestamp\n    name\n    context\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CancelJobs($ids: [JobId!]!, $reason: String) {\n  cancelJobs(ids: $ids, reason: $reason) {\n    id\n    ok\n    job {\n      id\n      state\n      result\n      exception {\n        type\n        note\n      }\n    }\n    error {\n      code\n      message\n      reason\n    }\n  }\n}"): (typeof documents)["mutation CancelJobs($ids: [JobId!]!, $reason: String) {\n  cancelJobs(ids: $ids, reason: $reason) {\n    id\n    ok\n    job {\n      id\n      state\n      result\n      exception {\n        type\n        note\n      }\n    }\n    error {\n      code\n      message\n      reason\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query JobOutput($id: JobId!) {\n  job(id: $id) {\n    id\n    state\n    output(tail: 20) {\n      complete\n      truncated\n      lines {\n        time\n        stream\n        rank\n        text\n      }\n      redirects {\n        stream\n        rank\n        path\n      }\n    }\n  }\n}"): (typeof documents)["query JobOutput($id: JobId!) {\n  job(id: $id) {\n    id\n    state\n    output(tail: 20) {\n      complete\n      truncated\n      lines {\n        time\n        stream\n        rank\n        text\n      }\n      redirects {\n        stream\n        rank\n        path\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query JobStats {\n  jobStats {\n    successful\n    failed\n    canceled\n    timeout\n    jobStates {\n      run\n      sched\n      priority\n      depend\n      cleanup\n      inactive\n      total\n    }\n    queues {\n      name\n      successful\n      failed\n      jobStates {\n        run\n        sched\n        inactive\n      }\n    }\n  }\n}"): (typeof documents)["query JobStats {\n  jobStats {\n    successful\n    failed\n    canceled\n    timeout\n    jobStates {\n      run\n      sched\n      priority\n      depend\n      cleanup\n      inactive\n      total\n    }\n    queues {\n      name\n      successful\n      failed\n      jobStates {\n        run\n        sched\n        inactive\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Job($id: JobId!) {\n  job(id: $id) {\n    id\n    name\n    userName\n    state\n    result\n    status\n    submittedAt\n    runtimeSeconds\n    exitCode\n    eventlog {\n      timestamp\n      name\n    }\n    jobspec {\n      command\n      durationSeconds\n    }\n  }\n}"): (typeof documents)["query Job($id: JobId!) {\n  job(id: $id) {\n    id\n    name\n    userName\n    state\n    result\n    status\n    submittedAt\n    runtimeSeconds\n    exitCode\n    eventlog {\n      timestamp\n      name\n    }\n    jobspec {\n      command\n      durationSeconds\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query JobsPage($filter: JobFilter, $first: Int! = 100, $after: String) {\n  jobs(filter: $filter, first: $first, after: $after) {\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        id\n        userName\n        queue\n        bank\n        state\n        result\n        submittedAt\n        startedAt\n        inactiveAt\n        runtimeSeconds\n      }\n    }\n  }\n}"): (typeof documents)["query JobsPage($filter: JobFilter, $first: Int! = 100, $after: String) {\n  jobs(filter: $filter, first: $first, after: $after) {\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        id\n        userName\n        queue\n        bank\n        state\n        result\n        submittedAt\n        startedAt\n        inactiveAt\n        runtimeSeconds\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query JobsPerDay($from: DateTime) {\n  jobAggregations(\n    source: JOBS_API\n    filter: {from: $from}\n    aggs: [{name: \"perDay\", dateHistogram: {field: SUBMITTED_AT, calendarInterval: \"day\"}}, {name: \"byStatus\", terms: {field: STATUS, size: 10}}]\n  ) {\n    total\n    aggregations {\n      name\n      kind\n      buckets {\n        key\n        keyAsString\n        docCount\n      }\n    }\n  }\n}"): (typeof documents)["query JobsPerDay($from: DateTime) {\n  jobAggregations(\n    source: JOBS_API\n    filter: {from: $from}\n    aggs: [{name: \"perDay\", dateHistogram: {field: SUBMITTED_AT, calendarInterval: \"day\"}}, {name: \"byStatus\", terms: {field: STATUS, size: 10}}]\n  ) {\n    total\n    aggregations {\n      name\n      kind\n      buckets {\n        key\n        keyAsString\n        docCount\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RecentJobsWithEventlog($first: Int! = 5) {\n  jobs(first: $first) {\n    nodes {\n      id\n      name\n      userName\n      queue\n      status\n      submittedAt\n      runtimeSeconds\n      eventlog {\n        name\n        timestamp\n        context\n      }\n    }\n  }\n}"): (typeof documents)["query RecentJobsWithEventlog($first: Int! = 5) {\n  jobs(first: $first) {\n    nodes {\n      id\n      name\n      userName\n      queue\n      status\n      submittedAt\n      runtimeSeconds\n      eventlog {\n        name\n        timestamp\n        context\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription FollowJobOutput($id: JobId!) {\n  jobOutput(id: $id) {\n    line {\n      time\n      stream\n      rank\n      text\n    }\n    eof {\n      stream\n      rank\n    }\n    redirect {\n      stream\n      rank\n      path\n    }\n  }\n}"): (typeof documents)["subscription FollowJobOutput($id: JobId!) {\n  jobOutput(id: $id) {\n    line {\n      time\n      stream\n      rank\n      text\n    }\n    eof {\n      stream\n      rank\n    }\n    redirect {\n      stream\n      rank\n      path\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query UserJobs($user: String!, $first: Int! = 20) {\n  running: jobs(filter: {users: [$user], states: [RUN]}, first: $first) {\n    nodes {\n      ...JobSummary\n    }\n  }\n  failed: jobs(filter: {users: [$user], results: [FAILED]}, first: $first) {\n    nodes {\n      ...JobSummary\n      exitCode\n      exception {\n        type\n        note\n      }\n    }\n  }\n}\n\nfragment JobSummary on Job {\n  id\n  name\n  queue\n  bank\n  state\n  result\n  submittedAt\n  startedAt\n  runtimeSeconds\n  nnodes\n  ntasks\n}"): (typeof documents)["query UserJobs($user: String!, $first: Int! = 20) {\n  running: jobs(filter: {users: [$user], states: [RUN]}, first: $first) {\n    nodes {\n      ...JobSummary\n    }\n  }\n  failed: jobs(filter: {users: [$user], results: [FAILED]}, first: $first) {\n    nodes {\n      ...JobSummary\n      exitCode\n      exception {\n        type\n        note\n      }\n    }\n  }\n}\n\nfragment JobSummary on Job {\n  id\n  name\n  queue\n  bank\n  state\n  result\n  submittedAt\n  startedAt\n  runtimeSeconds\n  nnodes\n  ntasks\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;