import { Field, Float, Int, ObjectType } from 'type-graphql';
import { JSONScalar } from './scalars/json.scalar';

/** The stored jobspec (RFC 25/14), without the environment (see `Job.environment`). */
@ObjectType({
  description: 'The jobspec as stored (RFC 25); the environment is only in Job.environment.',
  simpleResolvers: true,
})
export class Jobspec {
  @Field(() => Int)
  version!: number;

  @Field(() => JSONScalar, { description: 'The resource request (slot/core/node tree).' })
  resources!: unknown;

  @Field(() => JSONScalar)
  tasks!: unknown;

  @Field(() => JSONScalar, { description: 'attributes.system and attributes.user.' })
  attributes!: unknown;

  @Field(() => [String], { nullable: true, description: 'tasks[0].command.' })
  command?: string[];

  @Field(() => Float, {
    nullable: true,
    description: 'attributes.system.duration in seconds; null when unlimited (0).',
  })
  durationSeconds?: number;

  @Field(() => JSONScalar, {
    nullable: true,
    description: 'attributes.user: free-form, e.g. {"experiment":"cxic00121","run":7}.',
  })
  userAttributes?: unknown;
}
