// Outbox → relay → postgres transport → consumer (inbox), real PostgreSQL, two services as on two cores:
// the producing service (producer + relay) on the main thread, the consuming service in a worker thread.
// Prints: end-to-end events/s (commit → consumer), pipeline drain rate, p50/p99 lag at a steady rate, and the raw
// single-table INSERT rate measured in the same run (the ratio says what the outbox machinery costs).
//   npm run bench:outbox [-- --events 50000 --batch 100 --rate 3000 --seconds 10]
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { DataSource } from 'typeorm';
import { MessagingTables1763900000000, OutboxRelay, OutboxService, PostgresEventTransport } from '@profila/messaging';
import { EmbeddedPostgresServer } from '@profila/embedded';
import { serviceDataSourceOptions } from '@profila/persistence';
import { freePort } from '@profila/testing';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '50000' },
    batch: { type: 'string', default: '100' },
    rate: { type: 'string', default: '3000' },
    seconds: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '4' },
  },
});
const EVENTS = Number(values.events);
const BATCH = Number(values.batch);
const RATE = Number(values.rate);
const SECONDS = Number(values.seconds);
/** Concurrent producing transactions, as concurrent requests of a service would be. */
const CONCURRENCY = Number(values.concurrency);

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

const dataDir = await mkdtemp(join(tmpdir(), 'profila-bench-'));
await chmod(dataDir, 0o755);
const server = new EmbeddedPostgresServer({ dataDir: join(dataDir, 'pg'), port: await freePort(), persistent: false });
await server.start();
const producerUrl = await server.ensureDatabase('bench_producer');
const consumerUrl = await server.ensureDatabase('bench_consumer');
const eventsUrl = await server.ensureDatabase('bench_events');
const dataSource = new DataSource(
  serviceDataSourceOptions({
    url: producerUrl,
    entities: [],
    migrations: [MessagingTables1763900000000],
    poolSize: 10,
  }),
);
await dataSource.initialize();
await dataSource.query('CREATE TABLE raw_insert (id uuid PRIMARY KEY, key text NOT NULL, payload jsonb NOT NULL)');

const outbox = new OutboxService();
const transport = new PostgresEventTransport({ url: eventsUrl });
let relay = new OutboxRelay(dataSource, transport, { databaseUrl: producerUrl, batchSize: 2000 });

// Consumer service in its own thread; it reports the lag of every event it handles.
const worker = new Worker(new URL('./consumer.worker.js', import.meta.url), { workerData: { consumerUrl, eventsUrl } });
let received = 0;
let lags: number[] = [];
let onProgress: (() => void) | undefined;
worker.on('message', (msg: { lags?: number[] }) => {
  if (!msg.lags) return;
  received += msg.lags.length;
  for (const l of msg.lags) lags.push(l);
  onProgress?.();
});
await new Promise<void>((resolve) => worker.once('message', () => resolve()));
await relay.start();

let seq = 0;
function citizens(n: number) {
  return Array.from({ length: n }, () => {
    const cf = `BNCH${String(seq++).padStart(12, '0')}`;
    return {
      type: 'citizen.registered' as const,
      aggregateId: cf,
      data: { codiceFiscale: cf, nome: 'Mario', cognome: 'Bench', email: null, source: 'dev' as const },
    };
  });
}
const produce = (n: number) => dataSource.transaction((m) => outbox.addMany(m, citizens(n)));
/** Commits `total` events in transactions of BATCH, CONCURRENCY transactions at a time. */
async function produceAll(total: number): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < total) {
      const n = Math.min(BATCH, total - next);
      next += n;
      await produce(n);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, lane));
}
function waitFor(count: number): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (received >= count) {
        onProgress = undefined;
        resolve();
      }
    };
    onProgress = check;
    check();
  });
}

// Warm-up.
await produce(BATCH);
await waitFor(BATCH);

// 1. End-to-end: commit EVENTS events in transactions of BATCH as fast as possible until the consumer has them all.
let target = received + EVENTS;
const t0 = performance.now();
await produceAll(EVENTS);
const produced = performance.now();
await waitFor(target);
const throughput = EVENTS / ((performance.now() - t0) / 1000);

// 2. Pipeline drain: EVENTS already committed in the outbox; relay and consumer drain them.
await relay.stop();
await produceAll(EVENTS);
target = received + EVENTS;
const d0 = performance.now();
relay = new OutboxRelay(dataSource, transport, { databaseUrl: producerUrl, batchSize: 2000 });
await relay.start();
await waitFor(target);
const drain = EVENTS / ((performance.now() - d0) / 1000);

// 3. Lag at a steady rate below saturation.
lags = [];
const perTick = Math.max(1, Math.round(RATE / 100));
const steadyTarget = received + perTick * 100 * SECONDS;
const start = performance.now();
for (let tick = 0; tick < 100 * SECONDS; tick++) {
  await produce(perTick);
  const wait = start + (tick + 1) * 10 - performance.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}
await waitFor(steadyTarget);
const sorted = [...lags].sort((a, b) => a - b);

// 4. Raw INSERT rate into one table, same batches, same run.
const r0 = performance.now();
for (let done = 0; done < EVENTS; done += BATCH) {
  const batch = citizens(Math.min(BATCH, EVENTS - done));
  await dataSource.query(
    `INSERT INTO raw_insert (id, key, payload) SELECT gen_random_uuid(), k, p FROM unnest($1::text[], $2::jsonb[]) AS u(k, p)`,
    [batch.map((b) => b.aggregateId), batch.map((b) => JSON.stringify(b.data))],
  );
}
const rawRate = EVENTS / ((performance.now() - r0) / 1000);

worker.postMessage({ stop: true });
await new Promise<void>((resolve) => worker.on('message', (m: { stopped?: boolean }) => m.stopped && resolve()));
await worker.terminate();
await relay.stop();
await transport.close();
await dataSource.destroy();
await server.stop();
await rm(dataDir, { recursive: true, force: true });

console.log(
  `outbox bench (postgres transport, ${fmt(EVENTS)} events, transactions of ${BATCH}, ${CONCURRENCY} producers)`,
);
console.log(
  `  end-to-end (commit → consumer):     ${fmt(throughput)} events/s  (producer commit rate ${fmt(EVENTS / ((produced - t0) / 1000))}/s)`,
);
console.log(`  pipeline drain (relay → consumer):  ${fmt(drain)} events/s`);
console.log(
  `  lag at ${fmt(perTick * 100)} events/s for ${SECONDS} s:   p50 ${percentile(sorted, 50)} ms, p99 ${percentile(sorted, 99)} ms, max ${sorted.at(-1)} ms`,
);
console.log(`  raw single-table INSERT:            ${fmt(rawRate)} rows/s`);
console.log(
  `  ratio end-to-end / raw INSERT:      ${(throughput / rawRate).toFixed(2)}  (drain ${(drain / rawRate).toFixed(2)})`,
);
