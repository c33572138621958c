/** Stylesheets imported for their side effect; esbuild bundles them into playground.css. */
declare module '*.css';
