import { registerEnumType } from 'type-graphql';

/** The two output streams a Flux job shell captures (RFC 24). */
export enum JobOutputStream {
  STDOUT = 'stdout',
  STDERR = 'stderr',
}

registerEnumType(JobOutputStream, { name: 'JobOutputStream', description: 'A job output stream.' });
