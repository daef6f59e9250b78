// Outbox → relay → postgres transport → consumer (inbox), on one machine, real PostgreSQL.
// Prints: end-to-end events/s (commit → consumer), p50/p99 lag at a steady rate, and the raw single-table INSERT
// rate measured in the same run (the ratio says what the outbox machinery costs).
//   npm run bench:outbox [-- --events 50000 --batch 100 --rate 3000 --seconds 10]
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DataSource, type EntityManager } from 'typeorm';
import type { EventEnvelope } from '@profila/contracts';
import {
  ConsumerRunner,
  type EventConsumer,
  MessagingTables1763900000000,
  OutboxRelay,
  OutboxService,
  PostgresEventTransport,
} from '@profila/messaging';
import { EmbeddedPostgresServer, serviceDataSourceOptions } from '@profila/persistence';
import { freePort } from '@profila/testing';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '50000' },
    batch: { type: 'string', default: '100' },
    rate: { type: 'string', default: '3000' },
    seconds: { type: 'string', default: '10' },
  },
});
const EVENTS = Number(values.events);
const BATCH = Number(values.batch);
const RATE = Number(values.rate);
const SECONDS = Number(values.seconds);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

class LagRecorder implements EventConsumer {
  readonly group = 'bench.lag';
  readonly topics = ['identity.citizen.v1'];
  readonly lags: number[] = [];
  received = 0;
  onCount?: () => void;

  async handle(event: EventEnvelope, _manager: EntityManager): Promise<void> {
    this.lags.push(Date.now() - Date.parse(event.occurredAt));
    this.received++;
    this.onCount?.();
  }
}

const dataDir = await mkdtemp(join(tmpdir(), 'profila-bench-'));
await chmod(dataDir, 0o755);
const server = new EmbeddedPostgresServer({ dataDir: join(dataDir, 'pg'), port: await freePort(), persistent: false });
await server.start();
const serviceUrl = await server.ensureDatabase('bench_service');
const eventsUrl = await server.ensureDatabase('bench_events');
const dataSource = new DataSource(
  serviceDataSourceOptions({ url: serviceUrl, entities: [], migrations: [MessagingTables1763900000000], poolSize: 10 }),
);
await dataSource.initialize();
await dataSource.query('CREATE TABLE raw_insert (id uuid PRIMARY KEY, key text NOT NULL, payload jsonb NOT NULL)');

const outbox = new OutboxService();
const transport = new PostgresEventTransport({ url: eventsUrl, batchSize: 1000, partitionsPerPoll: 4 });
const relay = new OutboxRelay(dataSource, transport, { databaseUrl: serviceUrl, batchSize: 2000 });
const recorder = new LagRecorder();
const runner = new ConsumerRunner(dataSource, transport, recorder);
await relay.start();
await runner.start();

let seq = 0;
function citizens(n: number) {
  return Array.from({ length: n }, () => {
    const i = seq++;
    const cf = `BNCH${String(i).padStart(12, '0')}`.slice(0, 16);
    return {
      type: 'citizen.registered' as const,
      aggregateId: cf,
      data: { codiceFiscale: cf, nome: 'Mario', cognome: 'Bench', email: null, source: 'dev' as const },
    };
  });
}

async function produce(n: number): Promise<void> {
  await dataSource.transaction((m) => outbox.addMany(m, citizens(n)));
}

function waitFor(count: number): Promise<void> {
  return new Promise((resolve) => {
    if (recorder.received >= count) return resolve();
    recorder.onCount = () => {
      if (recorder.received >= count) {
        recorder.onCount = undefined;
        resolve();
      }
    };
  });
}

// Warm-up.
await produce(BATCH);
await waitFor(BATCH);

// 1a. Throughput, producer running at the same time: commit EVENTS events in transactions of BATCH as fast as
//     possible (same process, same 2 cores) until the consumer has them all.
recorder.lags.length = 0;
let target = recorder.received + EVENTS;
const t0 = performance.now();
for (let done = 0; done < EVENTS; done += BATCH) await produce(Math.min(BATCH, EVENTS - done));
const produced = performance.now();
await waitFor(target);
const t1 = performance.now();
const throughput = EVENTS / ((t1 - t0) / 1000);

// 1b. Pipeline capacity: EVENTS already committed in the outbox, relay and consumer drain them.
await runner.stop();
await relay.stop();
for (let done = 0; done < EVENTS; done += BATCH) await produce(Math.min(BATCH, EVENTS - done));
target = recorder.received + EVENTS;
const d0 = performance.now();
await relay.start();
await runner.start();
await waitFor(target);
const drain = EVENTS / ((performance.now() - d0) / 1000);

// 2. Lag at a steady rate below saturation.
recorder.lags.length = 0;
const perTick = Math.max(1, Math.round(RATE / 100));
const steadyTarget = recorder.received + perTick * 100 * SECONDS;
const start = performance.now();
for (let tick = 0; tick < 100 * SECONDS; tick++) {
  await produce(perTick);
  const next = start + (tick + 1) * 10;
  const wait = next - performance.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}
await waitFor(steadyTarget);
const lags = [...recorder.lags].sort((a, b) => a - b);

// 3. Raw INSERT rate into one table, same batches, same run.
const rows = EVENTS;
const r0 = performance.now();
for (let done = 0; done < rows; done += BATCH) {
  const batch = citizens(Math.min(BATCH, rows - done));
  await dataSource.query(
    `INSERT INTO raw_insert (id, key, payload) SELECT gen_random_uuid(), k, p FROM unnest($1::text[], $2::jsonb[]) AS u(k, p)`,
    [batch.map((b) => b.aggregateId), batch.map((b) => JSON.stringify(b.data))],
  );
}
const rawRate = rows / ((performance.now() - r0) / 1000);

await runner.stop();
await relay.stop();
await transport.close();
await dataSource.destroy();
await server.stop();
await rm(dataDir, { recursive: true, force: true });

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
console.log(`outbox bench (postgres transport, ${EVENTS} events, transactions of ${BATCH})`);
console.log(`  end-to-end throughput (commit → consumer): ${fmt(throughput)} events/s (producer in the same process)`);
console.log(`  pipeline drain (outbox → relay → log → consumer): ${fmt(drain)} events/s`);
console.log(`  producer commit rate:                      ${fmt(EVENTS / ((produced - t0) / 1000))} events/s`);
console.log(
  `  lag at ${fmt(perTick * 100)} events/s for ${SECONDS} s: p50 ${lags.length ? percentile(lags, 50) : 'n/a'} ms, p99 ${lags.length ? percentile(lags, 99) : 'n/a'} ms, max ${lags.at(-1) ?? 'n/a'} ms`,
);
console.log(`  raw single-table INSERT rate:              ${fmt(rawRate)} rows/s`);
console.log(
  `  ratio end-to-end / raw INSERT:             ${(throughput / rawRate).toFixed(2)} (drain: ${(drain / rawRate).toFixed(2)})`,
);
