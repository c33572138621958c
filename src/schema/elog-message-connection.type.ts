import { Field, Int, ObjectType } from 'type-graphql';
import type { ElogEntry } from '../datasources/elog/elog-types';
import { ElogMessage } from './elog-message.type';
import { PageInfo } from './page-info.type';

/** One eLog entry of a page and the cursor to resume after it. */
@ObjectType({ description: 'An eLog entry and its cursor.' })
export class ElogMessageEdge {
  @Field(() => String) cursor!: string;
  @Field(() => ElogMessage) node!: ElogEntry;
}

/** A Relay connection of eLog entries, newest first. Roots: ElogEntry. */
@ObjectType({ description: 'A page of eLog entries, newest first (Relay connection).' })
export class ElogMessageConnection {
  @Field(() => [ElogMessageEdge]) edges!: ElogMessageEdge[];
  @Field(() => [ElogMessage], { description: 'The entries of edges, without cursors.' })
  nodes!: ElogEntry[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int, { description: 'Entries matching the filters, all pages together.' })
  totalCount!: number;
}
