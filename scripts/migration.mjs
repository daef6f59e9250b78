// Migrations of one service, with TypeORM's CLI against the service's built data source
// (apps/<app>/src/database/data-source.ts → dist/apps/<app>/database/data-source.js). The database is the service's
// DATABASE_URL (default: the embedded PostgreSQL of `npm start`, which must be running).
//   npm run migration -- show identity
//   npm run migration -- run identity
//   npm run migration -- revert identity
//   npm run migration -- generate identity AddCitizenPec     (diff entities ↔ schema; review the file, add down())
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const [command, app, name] = process.argv.slice(2);
const commands = ['show', 'run', 'revert', 'generate'];
if (!commands.includes(command) || !app || (command === 'generate' && !name)) {
  console.error(`usage: npm run migration -- <${commands.join('|')}> <app> [MigrationName]`);
  process.exit(2);
}
const build = spawnSync('node', ['scripts/build.mjs'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const dataSource = `dist/apps/${app}/database/data-source.js`;
if (!existsSync(dataSource)) {
  console.error(`${app} has no database (no ${dataSource})`);
  process.exit(2);
}
const args =
  command === 'generate'
    ? [
        'migration:generate',
        `apps/${app}/src/database/migrations/${Date.now()}-${name}`,
        '-d',
        dataSource,
        '--outputJs=false',
        '--pretty',
      ]
    : [`migration:${command}`, '-d', dataSource];
const r = spawnSync('node', ['node_modules/typeorm/cli.js', ...args], { stdio: 'inherit' });
if (command === 'generate' && r.status === 0) {
  console.log(`Add the new class to apps/${app}/src/database/migrations/index.ts, then review it.`);
}
process.exit(r.status ?? 1);
