// Compiles every TypeScript source of the back end with SWC (decorator metadata included):
//   libs/<lib>/src/**  -> libs/<lib>/dist/**   (resolved through the npm workspace link; .json data files copied)
//   apps/<app>/src/**, scripts/**, bench/** -> dist/<same path>
// Type checking is `npm run typecheck`; this step only transpiles, so it takes about a second.
import { copyFile, readdir, mkdir, writeFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import swc from '@swc/core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const UI_APPS = new Set(['web', 'backoffice']);

export const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true, tsx: false },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'es6' },
  sourceMaps: true,
};

const isSource = (name) => name.endsWith('.ts') && !name.endsWith('.d.ts') && !name.includes('.spec.');

async function* walk(dir, wanted = isSource) {
  if (!existsSync(dir)) return;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules' || entry.name === 'dist') continue;
      yield* walk(full, wanted);
    } else if (wanted(entry.name)) {
      yield full;
    }
  }
}

/** Data files a lib reads next to its modules (e.g. the test citizens), so that dist/ works on its own. */
async function copyData(srcDir, outDir) {
  let copied = 0;
  for await (const file of walk(srcDir, (name) => name.endsWith('.json'))) {
    const out = join(outDir, relative(srcDir, file));
    await mkdir(dirname(out), { recursive: true });
    await copyFile(file, out);
    copied++;
  }
  return copied;
}

async function compileTree(srcDir, outDir) {
  const jobs = [];
  for await (const file of walk(srcDir)) {
    const out = join(outDir, relative(srcDir, file)).replace(/\.ts$/, '.js');
    jobs.push(
      swc
        .transformFile(file, { ...swcOptions, filename: file, sourceFileName: relative(dirname(out), file) })
        .then(async (r) => {
          await mkdir(dirname(out), { recursive: true });
          await writeFile(out, `${r.code}\n//# sourceMappingURL=${out.split('/').pop()}.map\n`);
          await writeFile(`${out}.map`, r.map ?? '');
        }),
    );
  }
  await Promise.all(jobs);
  return jobs.length;
}

const started = Date.now();
let count = 0;
await rm(join(root, 'dist'), { recursive: true, force: true });
for (const lib of await readdir(join(root, 'libs'))) {
  await rm(join(root, 'libs', lib, 'dist'), { recursive: true, force: true });
  count += await compileTree(join(root, 'libs', lib, 'src'), join(root, 'libs', lib, 'dist'));
  await copyData(join(root, 'libs', lib, 'src'), join(root, 'libs', lib, 'dist'));
}
for (const app of await readdir(join(root, 'apps'))) {
  if (UI_APPS.has(app)) continue;
  count += await compileTree(join(root, 'apps', app, 'src'), join(root, 'dist', 'apps', app));
}
count += await compileTree(join(root, 'scripts'), join(root, 'dist', 'scripts'));
count += await compileTree(join(root, 'bench'), join(root, 'dist', 'bench'));
console.log(`build: ${count} files compiled in ${Date.now() - started} ms`);
