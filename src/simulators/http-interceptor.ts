import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/**
 * A hook an HTTP simulator calls for each request before serving it: resolves true when it has
 * answered the request itself (the simulator then leaves it alone), false to let the simulator serve
 * it. Tests use it to make a simulator stall, answer garbage or fail scripted requests
 * (`test/support/http-fault-switch.ts`, `test/support/faulty-simulators.ts`); shipped code passes none.
 */
export type HttpInterceptor = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

/** Builds an {@link HttpInterceptor} for a simulator's `server`, called once before the server listens. */
export type HttpInterceptorFactory = (server: Server) => HttpInterceptor;

/** Serves every request (the default when no factory is given). */
export const NO_INTERCEPTOR: HttpInterceptor = () => false;
