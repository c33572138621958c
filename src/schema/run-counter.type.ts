import { Field, ObjectType } from 'type-graphql';

/** One counter of an ARP job page. */
@ObjectType({
  description: 'One counter of an ARP job page (what postRunStatus writes); key and value may be HTML fragments.',
})
export class RunCounter {
  @Field(() => String)
  key!: string;

  @Field(() => String)
  value!: string;
}
