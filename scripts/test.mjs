// The README's test command: builds the back end and the UIs (the e2e tests run the built platform), then jest.
import { spawnSync } from 'node:child_process';

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const jestArgs = process.argv.slice(2);
if (!process.env.PROFILA_SKIP_BUILD) {
  run('node', ['scripts/build.mjs']);
  run('npm', ['run', '--silent', 'build:ui']);
}
run('node', ['node_modules/jest/bin/jest.js', ...jestArgs], {
  NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules --no-warnings=ExperimentalWarning`.trim(),
});
