import { chmod, mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EMBEDDED_PORTS, EmbeddedPlatform, type EmbeddedPlatformOptions, type PlatformPorts } from '@profila/embedded';
import { freePort } from './free-port.js';

/**
 * A throw-away embedded platform for an end-to-end test: free ports, a temporary data directory (its own S3 keys),
 * no restarts, no dev IdP unless asked. The back end must be built (`npm test` does it).
 */
export async function startTestPlatform(options: Partial<EmbeddedPlatformOptions> = {}): Promise<EmbeddedPlatform> {
  const names = Object.keys(EMBEDDED_PORTS) as Array<keyof PlatformPorts>;
  const ports = {} as PlatformPorts;
  // The kernel may hand the same free port out twice in a row: two services on one port would make the second
  // one's health check answer from the first.
  const taken = new Set<number>();
  for (const name of names) {
    let port = await freePort();
    while (taken.has(port)) port = await freePort();
    taken.add(port);
    ports[name] = port;
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'profila-e2e-'));
  await chmod(dataDir, 0o755); // as root, PostgreSQL runs as the `postgres` user and must reach its directory
  const platform = new EmbeddedPlatform({
    rootDir: process.cwd(),
    dataDir,
    persistent: false,
    autoRestart: false,
    devIdp: false,
    ...options,
    ports: { ...ports, ...options.ports },
    env: { LOG_LEVEL: 'warn', ...options.env },
    // A service that dies mid-test is not restarted: say so where the test's output is read.
    onStatus: (line) => {
      if (/exited/.test(line)) console.error(`[test platform] ${line}`);
    },
  });
  const stop = platform.stop.bind(platform);
  platform.stop = async () => {
    await stop();
    await printServiceErrors(join(dataDir, 'logs'));
  };
  try {
    await platform.start();
  } catch (error) {
    await platform.stop().catch(() => undefined);
    throw error;
  }
  return platform;
}

/**
 * After a test file: every service's error lines (pino level ≥ 50, or text such as a crash's stack), so that a
 * failure on a CI machine, whose temporary data directory is gone, can be explained from the test output alone.
 */
async function printServiceErrors(logDir: string): Promise<void> {
  const files = await readdir(logDir).catch(() => [] as string[]);
  for (const file of files.sort()) {
    const text = await readFile(join(logDir, file), 'utf8').catch(() => '');
    const errors = text.split('\n').filter((line) => {
      if (!line.trim()) return false;
      const level = /^\{"level":(\d+)/.exec(line);
      // Text lines are a crash's output; Node's own warnings ("(node:123) …Warning", "(Use `node --trace-…") are not.
      if (level) return Number(level[1]) >= 50;
      return !line.startsWith('{') && !/^\((node:\d+|Use `node)/.test(line);
    });
    if (errors.length === 0) continue;
    const shown = errors.slice(-20).map((line) => `  ${line.slice(0, 600)}`);
    console.error(`[test platform] ${file}: ${errors.length} error line(s)\n${shown.join('\n')}`);
  }
}
