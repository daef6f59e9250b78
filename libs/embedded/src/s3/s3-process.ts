// The embedded S3 endpoint's own process, started (and restarted when it dies) by S3Server: the SigV4 front on the
// loopback port, s3rver behind it on a unix socket in a private directory (mode 0700) that only the front uses.
// Configuration arrives over the IPC channel (the keys are never in argv or the environment); the process exits
// when its parent goes away. argv[2] is the object directory, only so that `ps` says which endpoint this is.
import { chmod, mkdir, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createS3Front } from './s3-front.js';
import type { S3Credentials } from './sigv4.js';

export interface S3ProcessConfig {
  host: string;
  /** A private directory (0700) for the storage's socket, made and removed by the parent. */
  runDir: string;
  port: number;
  directory: string;
  buckets: string[];
  credentials: S3Credentials;
  region: string;
  maxBodyBytes: number;
}

export type S3ProcessMessage = { type: 'ready'; port: number } | { type: 'failed'; message: string };

interface S3rverApp {
  configureBuckets(): Promise<void>;
  callback(): (req: unknown, res: unknown) => void;
}

const listen = (server: Server, ...args: [string] | [number, string]) =>
  new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(...(args as [number, string]), () => {
      server.off('error', reject);
      resolve();
    });
  });

async function run(config: S3ProcessConfig): Promise<{ front: Server; storage: Server }> {
  await mkdir(config.directory, { recursive: true });
  await chmod(config.runDir, 0o700);
  const socket = join(config.runDir, 's3rver.sock');
  await rm(socket, { force: true }); // left by a predecessor that was killed
  const S3rver = createRequire(import.meta.url)('s3rver') as new (o: Record<string, unknown>) => S3rverApp;
  const s3rver = new S3rver({
    directory: config.directory,
    silent: true,
    vhostBuckets: false,
    configureBuckets: config.buckets.map((name) => ({ name })),
  });
  await s3rver.configureBuckets();
  const storage = createServer(s3rver.callback() as Parameters<typeof createServer>[0] & object);
  await listen(storage, socket);
  const front = createS3Front({
    credentials: config.credentials,
    region: config.region,
    backendSocket: socket,
    maxBodyBytes: config.maxBodyBytes,
  });
  await listen(front, config.port, config.host);
  return { front, storage };
}

function send(message: S3ProcessMessage): void {
  process.send?.(message);
}

if (!process.send) {
  console.error('s3-process is started by S3Server (it needs an IPC channel)');
  process.exit(2);
}

// Ctrl-C reaches the whole process group: the supervisor, not the terminal, decides when this process stops.
process.on('SIGINT', () => undefined);

process.once('message', (config: S3ProcessConfig) => {
  run(config).then(
    ({ front, storage }) => {
      const address = front.address();
      send({ type: 'ready', port: typeof address === 'object' && address ? address.port : config.port });
      let closing = false;
      const close = () => {
        if (closing) return;
        closing = true;
        front.closeAllConnections();
        front.close();
        storage.closeAllConnections();
        storage.close();
        process.exit(0);
      };
      process.on('SIGTERM', close);
      process.on('disconnect', close);
    },
    (error: Error) => {
      send({ type: 'failed', message: error.message });
      process.exit(1);
    },
  );
});
