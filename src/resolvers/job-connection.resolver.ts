import { FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { JobConnection } from '../schema/job-connection.type';
import type { JobTotalCount } from '../schema/job-connection.type';

const counted = new WeakMap<JobConnection, Promise<JobTotalCount>>();

/** The connection's total, counted at most once per connection and only when asked. */
function totalOf(connection: JobConnection): Promise<JobTotalCount> {
  let total = counted.get(connection);
  if (!total) {
    total = connection.countTotal
      ? connection.countTotal()
      : Promise.resolve({ value: null, note: 'this list is not counted' });
    counted.set(connection, total);
  }
  return total;
}

/** `JobConnection.totalCount` and `totalCountNote`: one count shared by both fields. */
@Resolver(() => JobConnection)
export class JobConnectionResolver {
  @FieldResolver(() => Int, {
    nullable: true,
    description:
      'How many jobs match the filter across all pages (not only this one), computed only when asked. jobs: one ' +
      'id-only job-list listing per cluster with the same constraint, exact up to JOBGRAPH_FLUX_COUNT_MAX_JOBS ' +
      '(default 10,000) per cluster; null above it, totalCountNote saying why. jobHistory: Elasticsearch’s exact count.',
  })
  async totalCount(@Root() connection: JobConnection): Promise<number | null> {
    return (await totalOf(connection)).value;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Why totalCount is null (e.g. more jobs match than are counted); null when totalCount is a number.',
  })
  async totalCountNote(@Root() connection: JobConnection): Promise<string | null> {
    return (await totalOf(connection)).note ?? null;
  }
}
