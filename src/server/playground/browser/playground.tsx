/**
 * Browser entry of the offline playground: GraphiQL with the gateway's example operations as
 * tabs, the docs explorer and history (both built into GraphiQL 4) and the headers editor.
 * Subscriptions run over WebSocket (graphql-ws) on the same path; the headers editor's headers
 * go along as `connectionParams` (an `Authorization: Bearer …` there authenticates the socket).
 * Bundled by scripts/playground/build-playground.ts; everything it loads comes from the
 * gateway's origin (fonts are inlined in the stylesheet, CodeMirror 5 needs no workers).
 */
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import type { Fetcher } from '@graphiql/toolkit';
import { getOperationAST } from 'graphql';
import { GraphiQL } from 'graphiql';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'graphiql/style.css';
import '@graphiql/react/font/roboto.css';
import '@graphiql/react/font/fira-code.css';
import { PLAYGROUND_CONFIG_ELEMENT_ID } from '../playground-page-config';
import type { PlaygroundPageConfig } from '../playground-page-config';
import { JobgraphLogo, WELCOME_TAB, frontDoorTabs, releaseStorage } from './front-door';

function readConfig(): PlaygroundPageConfig {
  const element = document.getElementById(PLAYGROUND_CONFIG_ELEMENT_ID);
  if (!element?.textContent) return { graphqlPath: '/graphql', tabs: [] };
  return JSON.parse(element.textContent) as PlaygroundPageConfig;
}

/** The GraphQL endpoint as a WebSocket URL (ws: beside http:, wss: beside https:). */
function subscriptionUrl(graphqlPath: string): string {
  const url = new URL(graphqlPath, window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

const config = readConfig();
const toolkitFetcher = createGraphiQLFetcher({
  url: new URL(config.graphqlPath, window.location.href).toString(),
  subscriptionUrl: subscriptionUrl(config.graphqlPath),
  fetch: (input, init) => window.fetch(input, { ...init, credentials: 'same-origin' }),
});
/**
 * The toolkit picks WebSocket for a subscription by the operation name GraphiQL passes, which lags
 * the editor: right after typing it is still the previous tab's, and the subscription went over
 * HTTP (refused there). The document decides: a lone operation, or the named one, that is a
 * subscription goes over WebSocket under its own name.
 */
const fetcher: Fetcher = (params, options) => {
  const document = options?.documentAST;
  const operation = document
    ? (getOperationAST(document, params.operationName ?? undefined) ?? getOperationAST(document))
    : null;
  if (operation?.operation === 'subscription' && operation.name?.value !== (params.operationName ?? undefined))
    return toolkitFetcher({ ...params, operationName: operation.name?.value ?? null }, options);
  return toolkitFetcher(params, options);
};
const defaultTabs = frontDoorTabs(config);
const root = document.getElementById('playground');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <GraphiQL
        fetcher={fetcher}
        defaultTabs={defaultTabs}
        defaultQuery={WELCOME_TAB.query}
        storage={releaseStorage(config)}
        isHeadersEditorEnabled
        showPersistHeadersSettings
        defaultEditorToolsVisibility
        schemaDescription
      >
        <GraphiQL.Logo>
          <JobgraphLogo config={config} />
        </GraphiQL.Logo>
      </GraphiQL>
    </StrictMode>,
  );
}
