// The registry these machines reach serves only this platform's native builds (e.g. @swc/core-linux-x64-gnu), so
// npm cannot record the other platforms' optional packages in package-lock.json, and `npm ci` then refuses the lock
// ("Missing: @swc/core-darwin-arm64 from lock file"). This drops optional dependencies that have no entry in the lock.
//   node scripts/prune-lockfile.mjs          rewrite package-lock.json (after any `npm install <pkg>`)
//   node scripts/prune-lockfile.mjs --check  fail if it needs rewriting (part of `npm run check`)
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const pruned = [];
for (const [path, entry] of Object.entries(lock.packages ?? {})) {
  if (!entry.optionalDependencies) continue;
  // Where npm would look for the dependency: nested under the package, then each enclosing node_modules.
  const parents = [
    path,
    ...path.split('/node_modules/').map((_, i, parts) => parts.slice(0, i).join('/node_modules/')),
  ];
  for (const dep of Object.keys(entry.optionalDependencies)) {
    const found = parents.some((p) => lock.packages[`${p ? `${p}/` : ''}node_modules/${dep}`]);
    if (!found) {
      delete entry.optionalDependencies[dep];
      pruned.push(`${path || '(root)'} → ${dep}`);
    }
  }
  if (Object.keys(entry.optionalDependencies).length === 0) delete entry.optionalDependencies;
}
if (process.argv.includes('--check')) {
  if (pruned.length > 0) {
    console.error(`package-lock.json lists ${pruned.length} optional packages the registry does not serve;`);
    console.error('run `node scripts/prune-lockfile.mjs` so that `npm ci` accepts the lock.');
    process.exit(1);
  }
  console.log('package-lock.json: npm ci can install it');
} else {
  writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
  console.log(`package-lock.json: ${pruned.length} unavailable optional packages dropped`);
}
