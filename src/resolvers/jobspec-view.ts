import type { Jobspec } from '../schema/jobspec.type';

const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

/** Maps a parsed jobspec (RFC 25) to the `Jobspec` GraphQL type. */
export function jobspecView(jobspec: Record<string, unknown>): Jobspec {
  const attributes = asRecord(jobspec['attributes']) ?? {};
  const system = asRecord(attributes['system']) ?? {};
  const tasks = Array.isArray(jobspec['tasks']) ? (jobspec['tasks'] as unknown[]) : [];
  const command = asRecord(tasks[0])?.['command'];
  const duration = system['duration'];
  return {
    version: typeof jobspec['version'] === 'number' ? jobspec['version'] : Number(jobspec['version'] ?? 1),
    resources: jobspec['resources'] ?? [],
    tasks,
    attributes,
    ...(Array.isArray(command) ? { command: command.map(String) } : {}),
    ...(typeof duration === 'number' && duration > 0 ? { durationSeconds: duration } : {}),
    ...(attributes['user'] !== undefined ? { userAttributes: attributes['user'] } : {}),
  };
}
