/**
 * Two tiers: unit specs beside the code (pure rules, no servers) and integration/end-to-end specs in test/
 * against real PostgreSQL and Redis, each suite on its own database cloned from a migrated template.
 */
const swc = [
  '<rootDir>/test/support/swc-transformer.js',
  {
    swcrc: false,
    jsc: {
      target: 'es2023',
      parser: { syntax: 'typescript', decorators: true, dynamicImport: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

// `@lc/<lib>` is `libs/<lib>/src`, for every folder under libs/ (as in tsconfig.json and .swcrc).
const moduleNameMapper = { '^@lc/([^/]+)$': '<rootDir>/libs/$1/src' };

// Packages that ship ES modules only; Jest on Node 20 cannot require() them, so they are compiled too. The
// @digitalbazaar packages (and the base-x codecs they import) sign and verify the badge credentials.
const ESM_ONLY = [
  '@nestjs/',
  'content-disposition/',
  '@digitalbazaar/',
  'base58-universal/',
  'base64url-universal/',
];
const esmOnly = ESM_ONLY.map((name) => name.replace('/', '\\/')).join('|');

const common = {
  testEnvironment: 'node',
  rootDir: __dirname,
  moduleNameMapper,
  transform: { '^.+\\.ts$': swc, [`/node_modules/(${esmOnly}).+\\.js$`]: swc },
  transformIgnorePatterns: [`/node_modules/(?!${esmOnly})`],
};

module.exports = {
  // Jest reads the test timeout from the top level (a project's own is ignored): end-to-end tests wait for real
  // servers and workers, so they get a minute before a hang is called a failure (never a speed assertion).
  testTimeout: 60_000,
  // Two suites at a time on the 2 cores of CI (jest's default is cores − 1 = one): the end-to-end suites wait on
  // PostgreSQL, Redis and Chromium much of the time, and the whole run must stay within 15 minutes.
  maxWorkers: 2,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: [
        '<rootDir>/apps/**/*.spec.ts',
        '<rootDir>/libs/**/*.spec.ts',
        '<rootDir>/scripts/**/*.spec.ts',
      ],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      testTimeout: 60_000,
    },
  ],
};
