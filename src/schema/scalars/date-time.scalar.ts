import { GraphQLScalarType, Kind } from 'graphql';
import { BadUserInputError } from '../../errors';
import { formatIsoDateTime } from './iso-date-time';

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** Parses an ISO 8601 date-time with a time zone; a bad value is BAD_USER_INPUT naming it. */
export function parseDateTime(value: unknown): Date {
  const date = typeof value === 'string' && ISO_8601.test(value.trim()) ? new Date(value.trim()) : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    throw new BadUserInputError(
      `invalid DateTime ${JSON.stringify(value)}: expected ISO 8601 with a time zone, e.g. "2026-11-29T23:00:00Z"`,
      {
        value: String(value),
      },
    );
  }
  return date;
}

/**
 * `DateTime`: ISO 8601 in UTC with millisecond precision (`2026-11-29T23:12:05.123Z`). Serializes a `Date` or
 * epoch milliseconds (a finite number); anything else must parse as a DateTime string.
 */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description:
    'ISO 8601 date-time, UTC, millisecond precision (e.g. "2026-11-29T23:12:05.123Z"). Input needs a time zone.',
  // A Date, or epoch milliseconds as a number (JobEvent: no Date per eventlog entry; docs/performance.md).
  serialize(value: unknown): string {
    if (value instanceof Date) return formatIsoDateTime(value.getTime());
    if (typeof value === 'number' && Number.isFinite(value)) return formatIsoDateTime(value);
    return parseDateTime(value).toISOString();
  },
  parseValue: parseDateTime,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new BadUserInputError('DateTime must be a string', { value: ast.kind });
    return parseDateTime(ast.value);
  },
});
