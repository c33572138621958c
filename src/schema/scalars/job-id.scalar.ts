import { GraphQLScalarType, Kind } from 'graphql';
import { BadUserInputError } from '../../errors';
import { formatJobIdF58, parseJobIdText } from './job-id-text';

/** Parses any RFC 19 form; a bad id is BAD_USER_INPUT naming the value and the accepted forms. */
export function parseJobIdInput(value: unknown): bigint {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  if (typeof value === 'string') {
    const id = parseJobIdText(value);
    if (id !== undefined) return id;
  }
  throw new BadUserInputError(
    `invalid job id ${JSON.stringify(value)}: expected an RFC 19 form (f58 "ƒ7PFfdyq" or "f7PFfdyq", decimal, 0x-hex, dothex, job.dothex or words)`,
    { value: String(value) },
  );
}

/** `JobId`: a 64-bit Flux job id. Output f58 (`ƒ7PFfdyq`); input every RFC 19 form (as a string; small decimals may be Int). */
export const JobIdScalar = new GraphQLScalarType<bigint, string>({
  name: 'JobId',
  description:
    'A Flux job id (64-bit). Output: f58 ("ƒ7PFfdyq"). Input: any RFC 19 form as a string: f58 with ƒ or f, decimal, 0x-hex, dothex, kvs (job.dothex), mnemonic words.',
  serialize(value: unknown): string {
    if (typeof value === 'bigint') return formatJobIdF58(value);
    return formatJobIdF58(parseJobIdInput(value));
  },
  parseValue: parseJobIdInput,
  parseLiteral(ast) {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT) return parseJobIdInput(ast.kind === Kind.INT ? ast.value : ast.value);
    throw new BadUserInputError(`invalid job id literal of kind ${ast.kind}: expected a string`, { value: ast.kind });
  },
});
