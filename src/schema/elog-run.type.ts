import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from './scalars/date-time.scalar';
import { JSONScalar } from './scalars/json.scalar';

/** One run of an experiment; `tags`, `params` and `jobs` are resolved in batches. */
@ObjectType({ description: 'A run of an LCLS experiment, from the eLog.' })
@Directive('@key(fields: "experiment number")')
export class ElogRun {
  @Field(() => String, { description: 'Experiment name.' })
  experiment!: string;

  @Field(() => Int, { description: 'Run number.' })
  number!: number;

  @Field(() => String, { nullable: true, description: '`DATA` by default; `EPICS`, … free text.' })
  type?: string;

  @Field(() => DateTimeScalar, { nullable: true })
  beginTime?: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Null while the run is open.' })
  endTime?: Date | null;

  @Field(() => JSONScalar, { description: 'Editable run-table cells: `{name: {value, modified_by, modified_time}}`.' })
  editableParams!: Record<string, unknown>;
}
