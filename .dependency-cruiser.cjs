/** Dependency rules of the house (STYLE.md): checked in `npm run check`. */
module.exports = {
  forbidden: [
    {
      name: 'apps-never-import-apps',
      comment: 'An app talks to another app over HTTP or events, never by import.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/([^/]+)/', pathNot: '^apps/$1/' },
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
      comment: 'domain/ folders hold pure rules: no Nest, no TypeORM, no I/O.',
      severity: 'error',
      from: { path: '/domain/' },
      to: {
        path: '(@nestjs|typeorm|node_modules/pg/|kafkajs|minio|nodemailer|^libs/(persistence|messaging|platform)/)',
      },
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
