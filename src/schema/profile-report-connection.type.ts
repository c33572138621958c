import { Field, ObjectType } from 'type-graphql';
import type { ProfileReportRecord } from '../datasources/sciagraph/report-entry';
import { PageInfo } from './page-info.type';
import { ProfileReport } from './profile-report.type';

/** One report of a page and the cursor to resume after it. */
@ObjectType({ description: 'A profile report and its cursor.' })
export class ProfileReportEdge {
  @Field(() => String) cursor!: string;
  @Field(() => ProfileReport) node!: ProfileReportRecord;
}

/** A Relay connection of profile reports, newest first. Roots: ProfileReportRecord. */
@ObjectType({ description: 'A page of profile reports, newest start first (Relay connection).' })
export class ProfileReportConnection {
  @Field(() => [ProfileReportEdge]) edges!: ProfileReportEdge[];
  @Field(() => [ProfileReport], { description: 'The reports of edges, without cursors.' })
  nodes!: ProfileReportRecord[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}
