import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Layers of src/, top to bottom: a folder may import only from folders below it (or its own).
 * cli → server → resolvers → schema → loaders | forwarder → auth → datasources → config | errors.
 * Simulators stand apart: only cli may import them, and they may import from datasources only the
 * wire formats both sides of a protocol share (SIMULATOR_SHARED). See docs/architecture.md.
 */
const LAYERS = [
  ['cli'],
  ['server'],
  ['resolvers'],
  ['schema'],
  ['loaders', 'forwarder'],
  ['auth'],
  ['datasources'],
  ['config', 'errors', 'tracing'],
];

/** What simulators may import from src/datasources: the Flux codec, its JSON and reals, errno, job ids, state bits, the job record type, RFC 29 hostlists, the jobs/aggs field types, date-histogram intervals and bucketing. */
const SIMULATOR_SHARED = [
  'flux/flux-codec',
  'flux/flux-message',
  'flux/flux-payload',
  'flux/flux-protocol-error',
  'flux/flux-json',
  'flux/json-real',
  'flux/errno',
  'flux/job-id',
  'flux/wire-id',
  'flux/job-state',
  'flux/flux-job',
  'flux/hostlist',
  'jobs-aggs/jobs-aggs-fields',
  'aggregation/date-interval',
];

const climbs = (folders) => ({
  regex: `^(\\.\\./)+(${folders.join('|')})(/|$)`,
  message:
    'Layers import downward only (cli → server → resolvers → schema → loaders | forwarder → auth → datasources → config | errors | tracing; simulators apart): see docs/architecture.md.',
});

const layerRules = LAYERS.flatMap((layer, rank) =>
  layer.map((folder) => {
    const forbidden = [...LAYERS.slice(0, rank).flat(), ...layer.filter((other) => other !== folder)];
    if (folder !== 'cli') forbidden.push('simulators');
    return {
      files: [`src/${folder}/**/*.{ts,tsx}`],
      rules: { 'no-restricted-imports': ['error', { patterns: forbidden.length > 0 ? [climbs(forbidden)] : [] }] },
    };
  }),
);

const simulatorRules = {
  files: ['src/simulators/**/*.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          climbs(LAYERS.flat().filter((folder) => folder !== 'datasources')),
          {
            regex: `^(\\.\\./)+datasources/(?!(${SIMULATOR_SHARED.join('|')})$)`,
            message: 'Simulators share only the wire formats with datasources (SIMULATOR_SHARED in eslint.config.mjs).',
          },
        ],
      },
    ],
  },
};

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      '.venv/',
      'test-output/',
      'examples/generated/',
      'coverage/',
      '.cache/',
      'src/server/playground/assets/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Named exports only.' }],
    },
  },
  { files: ['*.config.mjs', '*.config.js'], rules: { 'no-restricted-syntax': 'off' } },
  ...layerRules,
  simulatorRules,
  { files: ['test/**', 'bench/**', 'scripts/**'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        module: 'writable',
        require: 'readonly',
        process: 'readonly',
        __dirname: 'readonly',
        console: 'readonly',
      },
    },
  },
);
