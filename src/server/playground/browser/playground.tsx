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
import { getOperationAST, parse } from 'graphql';
import type { DocumentNode } from 'graphql';
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
/** The editor's text parsed, or undefined while it does not parse (the server then says why). */
function parsed(query: string): DocumentNode | undefined {
  try {
    return parse(query);
  } catch {
    return undefined;
  }
}

/**
 * GraphiQL's operation name and parsed document lag the editor: right after typing or a tab switch
 * they can still be the previous tab's, so a new subscription went over HTTP (refused there) or
 * over WebSocket under the old name ("Unknown operation named …", seen in CI). The text sent
 * decides: when the name given is not in it, its lone operation runs under its own name, and the
 * toolkit chooses the transport from that document.
 */
const fetcher: Fetcher = (params, options) => {
  const document = parsed(params.query);
  if (!document) return toolkitFetcher(params, options);
  const named = params.operationName ? getOperationAST(document, params.operationName) : null;
  const lone = named ? null : getOperationAST(document);
  const fixed = lone ? { ...params, operationName: lone.name?.value ?? null } : params;
  return toolkitFetcher(fixed, { ...options, documentAST: document });
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
