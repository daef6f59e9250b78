// The README's test command: builds the back end and the UIs (the e2e tests run the built platform), then jest by
// tier, printing each tier's time: unit (pure, *.unit.spec.ts) and integration (real PostgreSQL, *.int.spec.ts)
// two files at a time, then end-to-end (test/e2e, each file boots the whole platform) one at a time.
//   node scripts/test.mjs                  every tier
//   node scripts/test.mjs --tier unit|int|e2e
//   node scripts/test.mjs <jest args...>   one jest run with those arguments (e.g. a file path)
// PROFILA_SKIP_BUILD=1 skips the build (when dist/ is fresh).
import { spawnSync } from 'node:child_process';

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

const jestEnv = {
  NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules --no-warnings=ExperimentalWarning`.trim(),
};
const jest = (args) => run('node', ['node_modules/jest/bin/jest.js', ...args], jestEnv);

const TIERS = {
  unit: ['--testPathPatterns', '\\.unit\\.spec\\.tsx?$'],
  int: [
    '--testPathPatterns',
    '\\.int\\.spec\\.tsx?$',
    '--testPathIgnorePatterns',
    '/node_modules/',
    '/dist/',
    '/test/e2e/',
  ],
  e2e: ['--runInBand', '--testPathPatterns', 'test/e2e/'],
};

const args = process.argv.slice(2);
const tierFlag = args.indexOf('--tier');
const only = tierFlag >= 0 ? args[tierFlag + 1] : undefined;
if (only && !TIERS[only]) {
  console.error(`Unknown tier "${only}": use unit, int or e2e.`);
  process.exit(2);
}

const timings = [];
function timed(label, fn) {
  const started = Date.now();
  const status = fn();
  timings.push(
    `${label.padEnd(12)} ${((Date.now() - started) / 1000).toFixed(1).padStart(7)} s${status ? '  FAILED' : ''}`,
  );
  return status;
}
function summary() {
  console.log(`\n--- test timings\n${timings.map((t) => `  ${t}`).join('\n')}`);
}

if (!process.env.PROFILA_SKIP_BUILD) {
  const built = timed('build', () => run('node', ['scripts/build.mjs']) || run('npm', ['run', '--silent', 'build:ui']));
  if (built) {
    summary();
    process.exit(built);
  }
}

if (args.length > 0 && tierFlag < 0) {
  const status = jest(args);
  process.exit(status);
}

let failed = 0;
for (const tier of only ? [only] : ['unit', 'int', 'e2e']) {
  const status = timed(tier, () => jest(TIERS[tier]));
  if (status) {
    failed = status;
    break;
  }
}
summary();
process.exit(failed);
