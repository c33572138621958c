import { Field, ObjectType } from 'type-graphql';
import { DateTimeScalar } from './scalars/date-time.scalar';

/**
 * How to fetch a report's encrypted cloud copy (Sciagraph's ReportResult, recorded through
 * `recordProfileResult` or the handler's sidecar). The two keys together grant access to the report.
 */
@ObjectType({
  description: "Download instructions for a report's cloud copy; the two keys together grant access to it.",
})
export class DownloadInstructions {
  @Field(() => String, { description: 'First argument of `python -m sciagraph_report download`.' })
  downloadKey!: string;

  @Field(() => String, { description: 'Second argument; made inside the profiled process, never known to Sciagraph.' })
  decryptionKey!: string;

  @Field(() => String, {
    description: 'The command to download, decrypt and open the report (`pip install sciagraph-report` first).',
  })
  command!: string;

  @Field(() => DateTimeScalar, { description: 'When the instructions were recorded.' })
  recordedAt!: Date;
}
