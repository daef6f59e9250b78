// Runs in jest's parent process before any test file (plain ESM: it loads the built libs; `npm test` builds first).
// One real PostgreSQL per test run; each test file then creates a fresh database of its own (createTestDatabase).
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedPostgresServer } from '@profila/embedded';
import { freePort } from '@profila/testing';

export default async function globalSetup() {
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'profila-test-pg-'));
  const server = new EmbeddedPostgresServer({ dataDir, port, persistent: false });
  await server.start();
  globalThis.__PROFILA_PG__ = server;
  process.env.PROFILA_TEST_PG_URL = server.url('postgres');
}
