// npm run migrate -- --source <dir|file> [--dry-run] [--resume] [--report <dir>] [--batch-size N]
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { loadMigrationEnv } from './config/migration.env.js';
import { MigrationModule } from './migration.module.js';
import { formatResult, LegacyImportService, writeRejectedRows } from './pipeline/legacy-import.service.js';

const USAGE = 'uso: npm run migrate -- --source <cartella|file.csv> [--dry-run] [--resume] [--report <cartella>]';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      source: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      resume: { type: 'boolean', default: false },
      report: { type: 'string' },
      'batch-size': { type: 'string' },
      'no-progress': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || !values.source) {
    process.stderr.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const env = loadMigrationEnv();
  const app = await NestFactory.createApplicationContext(MigrationModule.register(env), {
    logger: ['error', 'warn'],
  });
  try {
    const result = await app.get(LegacyImportService).run({
      source: values.source,
      dryRun: values['dry-run'],
      resume: values.resume,
      reportDir: values.report,
      batchSize: values['batch-size'] ? Number(values['batch-size']) : undefined,
      progress: !values['no-progress'],
    });
    process.stdout.write(`${formatResult(result)}\n`);
    if (result.dryRun) await writeRejectedRows(result, process.stdout);
    return 0;
  } finally {
    await app.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`migrazione non riuscita: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
