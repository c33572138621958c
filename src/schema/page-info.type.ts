import { Directive, Field, ObjectType } from 'type-graphql';

/** Relay page info. */
@ObjectType({ description: 'Relay page info.' })
// Other subgraphs of a supergraph define Relay's PageInfo too: the same value type, resolved by each.
@Directive('@shareable')
export class PageInfo {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => Boolean, { description: 'Always false: pages are fetched forwards with after.' })
  hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true }) startCursor?: string;
  @Field(() => String, { nullable: true }) endCursor?: string;
}
