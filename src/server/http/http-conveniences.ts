import fastifyCompress from '@fastify/compress';
import fastifyCors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import { constants as zlib } from 'node:zlib';

/** The server settings {@link registerHttpConveniences} reads (a subset of the `server` config section). */
export interface HttpConvenienceSettings {
  /** Exact origins allowed cross-origin (`JOBGRAPH_CORS_ORIGINS`); empty = no CORS headers at all. */
  corsOrigins: string[];
  /** Compress responses above 1 KiB for clients that send Accept-Encoding (`JOBGRAPH_COMPRESSION`). */
  compression: boolean;
}

/** Headers a cross-origin GraphQL client may send: JSON bodies, credentials, Apollo's CSRF-prevention headers, request ids. */
const CORS_ALLOWED_HEADERS = [
  'content-type',
  'authorization',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'x-request-id',
];

/**
 * CORS with an origin allow-list and response compression. Register after any plugin whose
 * `onSend` hook rewrites payloads (the browser error pages): hooks run in registration order,
 * and compression must see the final payload.
 */
export async function registerHttpConveniences(app: FastifyInstance, settings: HttpConvenienceSettings): Promise<void> {
  await app.register(fastifyCors, {
    origin: settings.corsOrigins.length > 0 ? settings.corsOrigins : false,
    methods: ['GET', 'POST'],
    allowedHeaders: CORS_ALLOWED_HEADERS,
    exposedHeaders: ['x-request-id'],
    credentials: true,
    maxAge: 600,
  });
  if (settings.compression) {
    await app.register(fastifyCompress, {
      global: true,
      threshold: 1024,
      encodings: ['br', 'gzip', 'deflate'],
      // Brotli's default quality (11) costs more CPU than the bytes it saves on live API responses.
      brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 4 } },
    });
  }
}
