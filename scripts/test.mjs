// The README's test command: builds the back end and the UIs (the e2e tests run the built platform), then jest:
// unit and integration tests two files at a time, then the end-to-end tests one at a time (each boots the whole
// platform: nine processes on two cores). Arguments, if any, go to a single jest run instead.
import { spawnSync } from 'node:child_process';

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const jestEnv = {
  NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules --no-warnings=ExperimentalWarning`.trim(),
};
const jest = (args) => run('node', ['node_modules/jest/bin/jest.js', ...args], jestEnv);

if (!process.env.PROFILA_SKIP_BUILD) {
  run('node', ['scripts/build.mjs']);
  run('npm', ['run', '--silent', 'build:ui']);
}
const args = process.argv.slice(2);
if (args.length > 0) {
  jest(args);
} else {
  jest(['--testPathIgnorePatterns', '/node_modules/', '/dist/', '/test/e2e/']);
  jest(['--runInBand', 'test/e2e/']);
}
