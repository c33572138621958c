import { Field, ObjectType } from 'type-graphql';

/** Relay page info. */
@ObjectType({ description: 'Relay page info.' })
export class PageInfo {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => Boolean, { description: 'Always false: pages are fetched forwards with after.' })
  hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true }) startCursor?: string;
  @Field(() => String, { nullable: true }) endCursor?: string;
}
