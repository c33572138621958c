import { setTimeout as sleep } from 'node:timers/promises';

/** One call's outcome: the error code and backend, or `ok`. */
export interface Outcome {
  code: string;
  backend?: unknown;
  message?: string;
}

/** A backend whose breaker is exercised, and how to break and heal it. */
export interface BreakerCase {
  /** Its key in /readyz `backends`. */
  breaker: string;
  /** `extensions.backend` of its errors. */
  backend: string;
  /** The code each failing call gives before the breaker opens. */
  failure: string;
  call(): Promise<Outcome>;
  /** Requests that reached the broken backend so far. */
  requests(): number;
  fail(): Promise<void>;
  heal(): Promise<void>;
}

/** GATEWAY_BREAKER.breakerHalfOpenAfterMs (2 s), plus scheduling slack. */
const HALF_OPEN_WAIT_MS = 2_300;

/** GET `<origin>/readyz`: each backend's breaker state (undefined for backends without a policy), and `<name>Writes` for a separate write breaker. */
export async function readBreakers(origin: string): Promise<Record<string, string | undefined>> {
  const body = (await (await fetch(`${origin}/readyz`)).json()) as {
    backends: Record<string, { breaker?: string; writeBreaker?: string }>;
  };
  return Object.fromEntries(
    Object.entries(body.backends).flatMap(([name, b]) => [
      [name, b.breaker],
      ...(b.writeBreaker ? [[`${name}Writes`, b.writeBreaker]] : []),
    ]),
  );
}

/** The first error of a GraphQL answer as an {@link Outcome}. */
export function outcomeOf(body: {
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}): Outcome {
  const error = body.errors?.[0];
  return error
    ? { code: String(error.extensions?.code), backend: error.extensions?.backend, message: error.message }
    : { code: 'ok' };
}

/**
 * Asserts the whole breaker cycle of one backend: closed while healthy; typed failures until it
 * opens; while open, refusals at once that never reach the backend; after the half-open delay
 * one probe that succeeds and closes it. `breakers` reads /readyz.
 */
export async function expectBreakerCycle(
  c: BreakerCase,
  breakers: () => Promise<Record<string, string | undefined>>,
  deadlineMs: number,
): Promise<void> {
  await expect(c.call()).resolves.toEqual({ code: 'ok' });
  expect((await breakers())[c.breaker]).toBe('closed');

  await c.fail();
  const failures: Outcome[] = [];
  let state: string | undefined;
  // One /readyz read per failure: the breaker turns half-open 2 s after it opened.
  for (let i = 0; i < 8 && (state = (await breakers())[c.breaker]) !== 'open'; i += 1) failures.push(await c.call());
  expect(failures.length).toBeGreaterThan(0);
  for (const failure of failures) expect(failure).toMatchObject({ code: c.failure, backend: c.backend });
  expect(state).toBe('open');

  const sent = c.requests();
  const started = performance.now();
  await expect(c.call()).resolves.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', backend: c.backend });
  expect(performance.now() - started).toBeLessThan(deadlineMs / 2);
  expect(c.requests()).toBe(sent);

  await c.heal();
  await sleep(HALF_OPEN_WAIT_MS);
  await expect(c.call()).resolves.toEqual({ code: 'ok' });
  expect((await breakers())[c.breaker]).toBe('closed');
}
