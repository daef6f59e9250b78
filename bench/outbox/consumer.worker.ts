// The consuming service of the outbox bench, in its own thread (as it would be in its own process):
// its own database, its own transport connection, the production ConsumerRunner with its inbox.
import { parentPort, workerData } from 'node:worker_threads';
import { DataSource, type EntityManager } from 'typeorm';
import type { EventEnvelope } from '@profila/contracts';
import {
  ConsumerRunner,
  type EventConsumer,
  MessagingTables1763900000000,
  PostgresEventTransport,
} from '@profila/messaging';
import { serviceDataSourceOptions } from '@profila/persistence';

const { consumerUrl, eventsUrl } = workerData as { consumerUrl: string; eventsUrl: string };

class LagReporter implements EventConsumer {
  readonly group = 'bench.lag';
  readonly topics = ['identity.citizen.v1'];
  private lags: number[] = [];

  async handle(event: EventEnvelope, _manager: EntityManager): Promise<void> {
    this.lags.push(Date.now() - Date.parse(event.occurredAt));
    if (this.lags.length >= 200) this.flush();
  }

  flush(): void {
    if (this.lags.length === 0) return;
    parentPort!.postMessage({ lags: this.lags });
    this.lags = [];
  }
}

const dataSource = new DataSource(
  serviceDataSourceOptions({ url: consumerUrl, entities: [], migrations: [MessagingTables1763900000000], poolSize: 5 }),
);
await dataSource.initialize();
const transport = new PostgresEventTransport({ url: eventsUrl, batchSize: 1000, partitionsPerPoll: 4 });
const reporter = new LagReporter();
const runner = new ConsumerRunner(dataSource, transport, reporter);
const flushTimer = setInterval(() => reporter.flush(), 20);
await runner.start();
parentPort!.postMessage({ ready: true });
parentPort!.on('message', (msg: { stop?: boolean }) => {
  if (!msg.stop) return;
  void (async () => {
    clearInterval(flushTimer);
    reporter.flush();
    await runner.stop();
    await transport.close();
    await dataSource.destroy();
    parentPort!.postMessage({ stopped: true });
  })();
});
