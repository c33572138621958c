import { Field, ObjectType } from 'type-graphql';

/** Why one job of a job control batch was not changed. */
@ObjectType({ description: 'Why one job of a job control mutation was not changed (the others are unaffected).' })
export class JobControlError {
  @Field(() => String, {
    description:
      'A public error code: NOT_FOUND, FORBIDDEN, BAD_USER_INPUT (the rules of Flux), or UPSTREAM_* when Flux failed for this job.',
  })
  code!: string;

  @Field(() => String) message!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The reason in Flux\'s own words, e.g. "job is inactive", "urgency cannot be changed once resources are allocated".',
  })
  reason?: string;
}
