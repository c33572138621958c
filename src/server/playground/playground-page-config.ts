/**
 * What the gateway tells the browser playground at page load, embedded in the HTML page as
 * JSON (`<script type="application/json" id="jobgraph-playground-config">`). Shared by the
 * server side that renders the page and the browser bundle that reads it.
 */
export interface PlaygroundPageConfig {
  /** Path of the GraphQL endpoint on the gateway's own origin, e.g. `/graphql`. */
  graphqlPath: string;
  /** Tabs the playground opens with (when the browser has no stored tabs), one per example operation. */
  tabs: PlaygroundTab[];
  /** jobgraph's version: shown in the page, and the key of the browser's stored tabs (an upgrade brings its examples). */
  release?: string;
  /** The backends this gateway is connected to (`flux`, `elog`, …), shown in the page. */
  backends?: string[];
}

/** One example operation opened as a playground tab. */
export interface PlaygroundTab {
  /** GraphQL document text. */
  query: string;
  /** Variables as JSON text, when the example needs some. */
  variables?: string;
}

/** Id of the `<script type="application/json">` element that carries the {@link PlaygroundPageConfig}. */
export const PLAYGROUND_CONFIG_ELEMENT_ID = 'jobgraph-playground-config';
