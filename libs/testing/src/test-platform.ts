import { chmod, mkdtemp } from 'node:fs/promises';
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
  });
  try {
    await platform.start();
  } catch (error) {
    await platform.stop().catch(() => undefined);
    throw error;
  }
  return platform;
}
