import type { FastifyReply } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import { htmlPage, jsonForScript } from '../http/html-page';
import { prefersHtml } from '../http/prefers-html';
import { withExampleJobId } from './example-job-id';
import { readExampleOperations } from './example-operations';
import { pickEncoding } from './playground-encodings';
import { registerFrontDoor } from './playground-front-door';
import { loadPlaygroundAssets } from './playground-assets';
import { PLAYGROUND_CONFIG_ELEMENT_ID } from './playground-page-config';
import type { PlaygroundPageConfig } from './playground-page-config';
import { DEFAULT_EXAMPLE_OPERATIONS_DIR, DEFAULT_PLAYGROUND_ASSETS_DIR } from './playground-paths';

/** Options of {@link playgroundPlugin}. */
export interface PlaygroundPluginOptions {
  /** Path of the GraphQL endpoint; a browser `GET` there (Accept preferring text/html) gets the playground. Default `/graphql`. */
  graphqlPath?: string;
  /** Path of the playground page; its assets are served under `<path>/assets/`. Default `/playground`. */
  playgroundPath?: string;
  /** Built bundle directory (`npm run build`). Default `<root>/dist/playground`. */
  assetsDir?: string;
  /** Example operations opened as tabs. Default `<root>/examples/operations`. */
  operationsDir?: string;
  /** jobgraph's version, shown in the page and keying the browser's stored tabs. */
  release?: string;
  /** Connected backends, shown in the page. */
  backends?: string[];
  /** A job id for the examples that need one (`$id: JobId!`), asked at most once a minute; none: left empty. */
  exampleJobId?: () => Promise<string | undefined>;
}

const EXAMPLE_JOB_ID_TTL_MS = 60_000;

/** {@link PlaygroundPluginOptions.exampleJobId}, cached for a minute; a failure leaves the id out. */
function cachedJobId(find: (() => Promise<string | undefined>) | undefined): () => Promise<string | undefined> {
  let cached: { at: number; id: Promise<string | undefined> } | undefined;
  return () => {
    if (!find) return Promise.resolve(undefined);
    if (!cached || Date.now() - cached.at > EXAMPLE_JOB_ID_TTL_MS)
      cached = { at: Date.now(), id: find().catch(() => undefined) };
    return cached.id;
  };
}

const NOT_BUILT = htmlPage(
  'jobgraph playground not built',
  '<h1>The playground is not built</h1><p>Run <code>npm run build</code> (the gateway serves <code>dist/playground/</code>) and restart the gateway.</p>',
);

/**
 * The offline GraphiQL playground: `GET /playground`, and `GET /graphql` from a browser, answer
 * the page; `GET /playground/assets/*` the bundle built from npm packages. Every script,
 * stylesheet and font comes from this origin. Replaces Apollo Server's CDN landing page (the
 * server must use `ApolloServerPluginLandingPageDisabled`). Registered only when the
 * configuration turns the playground on (`JOBGRAPH_PLAYGROUND`).
 */
export const playgroundPlugin = fastifyPlugin<PlaygroundPluginOptions>(
  async (app, options) => {
    const graphqlPath = options.graphqlPath ?? '/graphql';
    const playgroundPath = options.playgroundPath ?? '/playground';
    const assetsPath = `${playgroundPath}/assets/`;
    const assets = await loadPlaygroundAssets(options.assetsDir ?? DEFAULT_PLAYGROUND_ASSETS_DIR);
    if (!assets)
      app.log.warn(
        { assetsDir: options.assetsDir ?? DEFAULT_PLAYGROUND_ASSETS_DIR },
        'playground bundle not built; run npm run build',
      );
    const examples = await readExampleOperations(options.operationsDir ?? DEFAULT_EXAMPLE_OPERATIONS_DIR);
    const exampleJobId = cachedJobId(options.exampleJobId);
    const pageWith = (jobId: string | undefined): string => {
      const config: PlaygroundPageConfig = {
        graphqlPath,
        tabs: withExampleJobId(examples, jobId),
        ...(options.release !== undefined ? { release: options.release } : {}),
        ...(options.backends !== undefined ? { backends: options.backends } : {}),
      };
      return htmlPage(
        'jobgraph playground',
        `<div id="playground" style="height: 100vh"></div>
<script type="application/json" id="${PLAYGROUND_CONFIG_ELEMENT_ID}">${jsonForScript(config)}</script>
<script src="${assetsPath}playground.js"></script>`,
        `<link rel="icon" href="data:,">
<link rel="stylesheet" href="${assetsPath}playground.css">
<style>body { margin: 0; overflow: hidden; }</style>`,
      );
    };

    const sendPage = async (reply: FastifyReply): Promise<FastifyReply> =>
      reply
        .code(assets ? 200 : 503)
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .header(
          'content-security-policy',
          "default-src 'self'; img-src 'self' data:; font-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'",
        )
        .send(assets ? pageWith(await exampleJobId()) : NOT_BUILT);

    app.get(playgroundPath, async (_request, reply) => sendPage(reply));
    app.get<{ Params: { file: string } }>(`${assetsPath}:file`, async (request, reply) => {
      const asset = assets?.get(request.params.file);
      if (!asset) return reply.code(404).type('text/plain; charset=utf-8').send('not found');
      reply.header('etag', asset.etag).header('cache-control', 'no-cache').header('vary', 'accept-encoding');
      reply.type(asset.contentType);
      if (request.headers['if-none-match'] === asset.etag) return reply.code(304).send();
      const encoding = pickEncoding(request.headers['accept-encoding']);
      if (encoding !== 'identity') reply.header('content-encoding', encoding);
      return reply.send(asset.encoded[encoding]);
    });
    registerFrontDoor(app, playgroundPath);
    app.addHook('onRequest', async (request, reply) => {
      if (request.method !== 'GET' || request.url.split('?', 1)[0] !== graphqlPath || !prefersHtml(request.headers))
        return;
      await sendPage(reply);
    });
  },
  { name: 'jobgraph-playground', fastify: '5.x' },
);
