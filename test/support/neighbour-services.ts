// The registry and document-store that a service's integration test runs beside it, in the test's process: each real
// Nest app on its own PostgreSQL database, on the test's event log, with a real S3 server for the documents. They are
// loaded at run time (an app never imports another app; the test process starts them as the platform would).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { S3Server } from '@profila/embedded';
import { createTestDatabase, freePort } from '@profila/testing';

type AppFactory = { [name: string]: (env: unknown) => Promise<NestFastifyApplication> };
type EnvLoader = { [name: string]: (source: NodeJS.ProcessEnv) => unknown };

async function app(service: string, file: string, factory: string, envFile: string, loader: string, env: object) {
  const apps = (await import(`../../apps/${service}/src/${file}`)) as AppFactory;
  const envs = (await import(`../../apps/${service}/src/config/${envFile}`)) as EnvLoader;
  return apps[factory](envs[loader](env as NodeJS.ProcessEnv));
}

export interface NeighbourOptions {
  /** Prefix of their databases and of the S3 server's directory. */
  name: string;
  /** The settings every service of the test shares: NODE_ENV, LOG_LEVEL, event transport, JWKS, SERVICE_TOKEN. */
  common: Record<string, string>;
  /** document-store's own settings beyond the common ones: the URL of the service whose links it confirms. */
  documentStore: Record<string, string>;
  /** The registry also consumes the event log (its handlers), not only HTTP. */
  registryConsumesEvents?: boolean;
}

export interface Neighbours {
  docsUrl: string;
  registryUrl: string;
  registryDbUrl: string;
  stop(): Promise<void>;
}

export async function startNeighbours(options: NeighbourOptions): Promise<Neighbours> {
  const dir = await mkdtemp(join(tmpdir(), `profila-${options.name}-`));
  const s3 = new S3Server({ port: await freePort(), directory: dir, buckets: [] });
  const started: NestFastifyApplication[] = [];
  const stop = async () => {
    for (const nest of started.reverse()) await nest.close();
    await s3.stop();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await s3.start();
    const docs = await app(
      'document-store',
      'document-store.app.js',
      'createDocumentStoreApp',
      'document-store.env.js',
      'loadDocumentStoreEnv',
      {
        ...options.common,
        DATABASE_URL: await createTestDatabase(`${options.name}docs`),
        S3_ENDPOINT: s3.endpoint,
        S3_ACCESS_KEY: s3.credentials.accessKey,
        S3_SECRET_KEY: s3.credentials.secretKey,
        ...options.documentStore,
      },
    );
    started.push(docs);
    await docs.listen(0, '127.0.0.1');
    const docsUrl = await docs.getUrl();
    const registryDbUrl = await createTestDatabase(`${options.name}registry`);
    const registry = await app(
      'registry',
      'registry.app.js',
      'createRegistryApp',
      'registry.env.js',
      'loadRegistryEnv',
      {
        ...options.common,
        DATABASE_URL: registryDbUrl,
        DOCUMENT_STORE_URL: docsUrl,
      },
    );
    started.push(registry);
    if (options.registryConsumesEvents) await registry.startAllMicroservices();
    await registry.listen(0, '127.0.0.1');
    return { docsUrl, registryUrl: await registry.getUrl(), registryDbUrl, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
