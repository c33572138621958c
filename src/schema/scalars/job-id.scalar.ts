import { GraphQLScalarType, Kind } from 'graphql';
import { formatJobId, parseJobId } from '../../datasources/flux/job-id';
import { BadUserInputError } from '../../errors';

/** Parses any RFC 19 form (a string, or a small non-negative Int); a bad id is BAD_USER_INPUT naming the value. */
export function parseJobIdInput(value: unknown): bigint {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  if (typeof value === 'string') return parseJobId(value);
  throw new BadUserInputError(
    `invalid job id ${JSON.stringify(value)}: job ids are strings in an RFC 19 form (e.g. "ƒ7PFfdyq")`,
    {
      value: String(value),
    },
  );
}

/** `JobId`: a 64-bit Flux job id. Output f58 (`ƒ7PFfdyq`); input every RFC 19 form. */
export const JobIdScalar = new GraphQLScalarType<bigint, string>({
  name: 'JobId',
  description:
    'A Flux job id (64-bit). Output: f58 ("ƒ7PFfdyq"). Input: any RFC 19 form as a string: f58 with ƒ or f, decimal, 0x-hex, dothex, kvs (job.dothex), mnemonic words.',
  serialize(value: unknown): string {
    return formatJobId(typeof value === 'bigint' ? value : parseJobIdInput(value));
  },
  parseValue: parseJobIdInput,
  parseLiteral(ast) {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT) return parseJobId(ast.value);
    throw new BadUserInputError(`invalid job id literal of kind ${ast.kind}: job ids are strings`, { value: ast.kind });
  },
});
