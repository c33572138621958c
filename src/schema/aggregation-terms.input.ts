import { Field, InputType, Int } from 'type-graphql';

/** The most frequent values of a field. */
@InputType({ description: 'The most frequent values of a field: buckets by count descending, then key.' })
export class TermsAggregation {
  @Field(() => String)
  field!: string;

  @Field(() => Int, {
    nullable: true,
    defaultValue: 10,
    description: 'Buckets to return (JOBS_API: 1–1000). Default 10.',
  })
  size?: number | null;
}
