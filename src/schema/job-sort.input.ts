import { Field, InputType, registerEnumType } from 'type-graphql';
import { JOB_HISTORY_SORT_FIELDS } from '../datasources/elastic/job-history.query';
import type { JobHistorySortField } from '../datasources/elastic/job-history.query';

/** GraphQL `JobSortField`: the sortable history fields. */
export const JobSortField = Object.fromEntries(JOB_HISTORY_SORT_FIELDS.map((field) => [field, field])) as {
  [P in JobHistorySortField]: P;
};

/** GraphQL `SortOrder`. */
export const SortOrder = { ASC: 'ASC', DESC: 'DESC' } as const;

registerEnumType(JobSortField, {
  name: 'JobSortField',
  description: 'Sortable fields of job history; the job id breaks ties.',
});
registerEnumType(SortOrder, { name: 'SortOrder' });

/** One sort key of `jobHistory`. */
@InputType({ description: 'A sort key of jobHistory; jobs without the field sort last.' })
export class JobSort {
  @Field(() => JobSortField) field!: JobHistorySortField;
  @Field(() => SortOrder, { defaultValue: 'DESC' }) order!: keyof typeof SortOrder;
}
