// `npm start` as a user runs it after `npm ci`: the real entry point (dist/scripts/start.js, what the start script
// runs once everything is built), on ports of its own (PROFILA_PORT_BASE: never the defaults 8080, 5433, 9000…)
// and a data directory of its own. One platform boot: both UIs served, the S3 endpoint's keys generated for this
// data directory, its process restarted when killed, and a clean stop on Ctrl-C.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PLATFORM_PORT_NAMES, portsFromEnv } from '@profila/embedded';
import { freePortBlock } from '@profila/testing';

const ENTRY = join(process.cwd(), 'dist/scripts/start.js');

interface StartRun {
  child: ChildProcess;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function runStart(env: Record<string, string>): StartRun {
  const base = { ...process.env };
  for (const name of ['WEB_DIST', 'BACKOFFICE_DIST', 'PROFILA_DATA_DIR', 'PROFILA_PORT_BASE']) delete base[name];
  const child = spawn(process.execPath, [ENTRY], {
    cwd: process.cwd(),
    env: { ...base, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => output, exited };
}

async function until(what: string, run: StartRun, check: () => boolean | Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await Promise.resolve(check()).catch(() => false)) return;
    if (run.child.exitCode !== null || run.child.signalCode !== null) {
      throw new Error(`start exited (${run.child.signalCode ?? run.child.exitCode}) before ${what}:\n${run.output()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`not ${what} within ${timeoutMs} ms:\n${run.output()}`);
}

/** Pid of the S3 endpoint's process of this data directory (its argv names its object directory). */
function s3ProcessPid(dataDir: string): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (argv.some((a) => a.endsWith('s3-process.js')) && argv.includes(join(dataDir, 's3'))) return Number(entry);
    } catch {
      // gone meanwhile
    }
  }
  return undefined;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const cleanup: string[] = [];
let running: StartRun | undefined;

afterAll(async () => {
  if (running && running.child.exitCode === null && running.child.signalCode === null) {
    running.child.kill('SIGINT');
    const timer = setTimeout(() => running?.child.kill('SIGKILL'), 30_000);
    await running.exited;
    clearTimeout(timer);
  }
  for (const dir of cleanup) await rm(dir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('refuses to start, naming what is missing, when a UI it serves is not built', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'profila-start-'));
    const emptyUi = await mkdtemp(join(tmpdir(), 'profila-no-ui-'));
    cleanup.push(dataDir, emptyUi);
    const base = await freePortBlock(PLATFORM_PORT_NAMES.length);
    const run = runStart({ PROFILA_DATA_DIR: dataDir, PROFILA_PORT_BASE: String(base), WEB_DIST: emptyUi });
    const { code } = await run.exited;
    expect(code).toBe(1);
    expect(run.output()).toContain('Profila cannot start: what it serves is not built.');
    expect(run.output()).toContain(`web portal: ${join(emptyUi, 'index.html')} (UI not built)`);
    expect(run.output()).not.toContain('back office:'); // the real one is built
    expect(run.output()).toContain('npm run build:ui');
    expect(existsSync(join(dataDir, 'postgres'))).toBe(false); // it stopped before starting anything
  }, 30_000);

  it('serves the web portal at / and the back office at /backoffice/, keeps S3 up, stops cleanly on Ctrl-C', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'profila-start-'));
    await chmod(dataDir, 0o755); // as root, PostgreSQL runs as the `postgres` user and must reach its directory
    cleanup.push(dataDir);
    const base = await freePortBlock(PLATFORM_PORT_NAMES.length);
    const ports = portsFromEnv({ PROFILA_PORT_BASE: String(base) });
    const gateway = `http://127.0.0.1:${ports.gateway}`;
    const run = runStart({ PROFILA_DATA_DIR: dataDir, PROFILA_PORT_BASE: String(base) });
    running = run;
    await until('up', run, () => run.output().includes('Profila is up'), 180_000);
    expect(run.output()).toContain(`Portale web        ${gateway}/`);

    const portal = await fetch(`${gateway}/`);
    expect(portal.status).toBe(200);
    expect(portal.headers.get('content-type')).toContain('text/html');
    const portalHtml = await portal.text();
    expect(portalHtml).toMatch(/<title>[^<]*Profila[^<]*<\/title>/);
    expect(portalHtml).not.toContain('Back office');
    expect(portalHtml).toContain('<div id="root">');

    const backoffice = await fetch(`${gateway}/backoffice/`);
    expect(backoffice.status).toBe(200);
    expect(backoffice.headers.get('content-type')).toContain('text/html');
    const backofficeHtml = await backoffice.text();
    expect(backofficeHtml).toMatch(/<title>[^<]*Back office[^<]*<\/title>/);
    expect(backofficeHtml).toContain('<div id="root">');
    expect((await fetch(`${gateway}/health`)).status).toBe(200);

    // The S3 endpoint: keys of this installation (owner-only file, named in the summary), anonymous access refused.
    const keysFile = join(dataDir, 's3-credentials.json');
    expect(run.output()).toContain(`S3 (documenti)     http://127.0.0.1:${ports.s3}  SigV4, chiavi in ${keysFile}`);
    expect(statSync(keysFile).mode & 0o777).toBe(0o600);
    const keys = JSON.parse(readFileSync(keysFile, 'utf8')) as { accessKey: string; secretKey: string };
    expect(keys.accessKey).not.toBe('S3RVER');
    expect((await fetch(`http://127.0.0.1:${ports.s3}/profila-documents`)).status).toBe(403);

    // Its process dies: the supervisor starts it again and the platform's health recovers.
    const s3Pid = s3ProcessPid(dataDir);
    expect(s3Pid).toBeDefined();
    process.kill(s3Pid!, 'SIGKILL');
    await until(
      'S3 restarted',
      run,
      () => s3ProcessPid(dataDir) !== undefined && s3ProcessPid(dataDir) !== s3Pid,
      20_000,
    );
    await until('healthy again', run, async () => (await fetch(`${gateway}/health`)).status === 200, 30_000);
    expect(run.output()).toContain('s3 exited (SIGKILL); restarting');
    const restartedPid = s3ProcessPid(dataDir)!;

    run.child.kill('SIGINT');
    const { code } = await run.exited;
    expect({ code, tail: run.output().slice(-400) }).toEqual({
      code: 0,
      tail: expect.stringContaining('Profila stopped.'),
    });
    expect(alive(restartedPid)).toBe(false);
    await expect(fetch(`${gateway}/health`)).rejects.toThrow();
  }, 300_000);
});
