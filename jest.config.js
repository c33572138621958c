/** Test tiers: unit (pure functions), integration (real servers on loopback), e2e (child processes, real Elasticsearch, browsers). */
const base = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json', diagnostics: false }] },
  setupFiles: ['reflect-metadata'],
  modulePathIgnorePatterns: ['<rootDir>/.venv/', '<rootDir>/dist/'],
};
module.exports = {
  testTimeout: 30000,
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    { ...base, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.test.ts'] },
    {
      ...base,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/elastic/'],
    },
    // One real Elasticsearch node, started only when a test of this project runs (scripts/elasticsearch.sh).
    {
      ...base,
      displayName: 'elastic',
      testMatch: ['<rootDir>/test/e2e/elastic/**/*.test.ts'],
      globalSetup: '<rootDir>/test/e2e/elastic/global-setup.ts',
      globalTeardown: '<rootDir>/test/e2e/elastic/global-teardown.ts',
    },
  ],
};
