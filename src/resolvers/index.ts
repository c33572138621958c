import { AggregationResolver } from './aggregation.resolver';
import { ElogMutationResolver } from './elog-mutation.resolver';
import { ElogAttachmentResolver } from './elog-attachment.resolver';
import { ElogRunResolver } from './elog-run.resolver';
import { ExperimentResolver } from './experiment.resolver';
import { ForwardResolver } from './forward.resolver';
import { JobClusterResolver } from './job-cluster.resolver';
import { JobConnectionResolver } from './job-connection.resolver';
import { JobControlResolver } from './job-control.resolver';
import { JobElogResolver } from './job-elog.resolver';
import { JobFieldsResolver } from './job-fields.resolver';
import { JobHistoryResolver } from './job-history.resolver';
import { JobQueryResolver } from './job-query.resolver';
import { JobResolver } from './job.resolver';
import { JobChangeResolver } from './job-change.resolver';
import { JobOutputResolver } from './job-output.resolver';
import { JobSubscriptionResolver } from './job-subscription.resolver';
import { JobProfileResolver } from './job-profile.resolver';
import { ProfileReportQueryResolver } from './profile-report-query.resolver';
import { ProfileReportResolver } from './profile-report.resolver';
import { WorkflowMutationResolver } from './workflow-mutation.resolver';

/**
 * Every resolver class of the schema, given to type-graphql's buildSchema. A backend adds its
 * classes here (one import and one entry per class).
 */
export const resolvers = [
  JobQueryResolver,
  JobResolver,
  JobFieldsResolver,
  JobClusterResolver,
  JobConnectionResolver,
  AggregationResolver,
  ExperimentResolver,
  ElogRunResolver,
  ElogAttachmentResolver,
  JobElogResolver,
  ElogMutationResolver,
  WorkflowMutationResolver,
  JobHistoryResolver,
  ForwardResolver,
  JobControlResolver,
  JobProfileResolver,
  ProfileReportQueryResolver,
  ProfileReportResolver,
  JobSubscriptionResolver,
  JobChangeResolver,
  JobOutputResolver,
] as const;
