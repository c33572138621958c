import { Field, Float, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from './scalars/date-time.scalar';

/** What one `forwardJobs` pass did. */
@ObjectType({ description: 'One Flux → Elasticsearch forwarding pass.' })
export class ForwardReport {
  @Field(() => Int, { description: 'Inactive jobs stored in this pass.' }) forwarded!: number;
  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'Watermark after the pass: every job that became inactive up to then is stored.',
  })
  since?: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Watermark before the pass.' }) previousSince?: Date;
  @Field(() => Float) elapsedMs!: number;
  @Field(() => Float) jobsPerSecond!: number;
}
