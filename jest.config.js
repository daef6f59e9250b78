// One jest run for the whole monorepo. Test tier is in the file name:
//   *.unit.spec.ts (pure), *.int.spec.ts (real PostgreSQL), test/e2e/*.e2e.spec.ts (whole platform, Chromium).
// ESM all the way (NestJS 12 is ESM-only): run with NODE_OPTIONS=--experimental-vm-modules (scripts/test.mjs does).
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true, tsx: true },
    transform: {
      legacyDecorator: true,
      decoratorMetadata: true,
      useDefineForClassFields: false,
      react: { runtime: 'automatic' },
    },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'es6' },
  sourceMaps: 'inline',
};

export default {
  rootDir: '.',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  transform: {
    '^.+\\.tsx?$': ['@swc/jest', swc],
    // ESM-only packages that CJS dependencies require() (Node 20.19 can; jest's module system cannot).
    'node_modules/content-disposition/.+\\.js$': ['@swc/jest', { module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
  moduleNameMapper: {
    '^@profila/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
    '^#registry/legacy-import$': '<rootDir>/apps/registry/src/legacy-import/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testMatch: [
    '<rootDir>/apps/*/src/**/*.spec.ts',
    '<rootDir>/apps/*/test/**/*.spec.ts',
    '<rootDir>/libs/*/src/**/*.spec.ts',
    '<rootDir>/libs/*/test/**/*.spec.ts',
    '<rootDir>/test/**/*.spec.ts',
  ],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  globalSetup: '<rootDir>/libs/testing/jest/global-setup.mjs',
  globalTeardown: '<rootDir>/libs/testing/jest/global-teardown.mjs',
  testTimeout: 60000,
  maxWorkers: 2,
};
