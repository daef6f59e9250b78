import { randomBytes } from 'node:crypto';
import { ensureDatabase, withDatabase } from '@profila/persistence';

/** URL of the test run's PostgreSQL server (started by the jest global setup). */
export function testServerUrl(): string {
  const url = process.env.PROFILA_TEST_PG_URL;
  if (!url)
    throw new Error('PROFILA_TEST_PG_URL is not set: run the tests through jest (global setup starts PostgreSQL).');
  return url;
}

/** Creates a fresh, empty database and returns its URL. */
export async function createTestDatabase(prefix = 'test'): Promise<string> {
  const name = `${prefix.replace(/[^a-z0-9_]/g, '_')}_${randomBytes(5).toString('hex')}`;
  await ensureDatabase(testServerUrl(), name);
  return withDatabase(testServerUrl(), name);
}
