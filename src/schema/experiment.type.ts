import { Directive, Field, ObjectType } from 'type-graphql';
import { DateTimeScalar } from './scalars/date-time.scalar';
import { JSONScalar } from './scalars/json.scalar';

/** An LCLS experiment as the eLog (explgbk) describes it; runs, activity and workflows are resolved on demand. */
@ObjectType({ description: 'An LCLS experiment, from the eLog (explgbk) experiment info.' })
@Directive('@key(fields: "name")')
export class Experiment {
  @Field(() => String, { description: 'Experiment name, e.g. `mfxl1038923`.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Instrument, upper case, e.g. `MFX`.' })
  instrument?: string;

  @Field(() => String, { nullable: true })
  description?: string;

  @Field(() => DateTimeScalar, { nullable: true })
  startTime?: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  endTime?: Date;

  @Field(() => String, { nullable: true, description: 'Unix account of the experiment leader.' })
  leaderAccount?: string;

  @Field(() => String, { nullable: true })
  posixGroup?: string;

  @Field(() => JSONScalar, { description: 'Free-form experiment parameters (`PNR`, `DATA_PATH`, …).' })
  params!: Record<string, unknown>;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'True when the experiment refuses run-table writes; false when the eLog never locked it (explgbk stores `is_locked` only once set). Null only in eLog auth mode `none`, whose `internalinfo` does not say.',
  })
  isLocked?: boolean;
}
