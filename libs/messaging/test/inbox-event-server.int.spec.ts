// The custom Nest transport: @InboxEventPattern methods of feature controllers, discovered at start-up, served by
// the consumer runner over the postgres transport, in a real hybrid Nest app on a real PostgreSQL.
import { Controller, type DynamicModule, Injectable, Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, Payload } from '@nestjs/microservices';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import pg from 'pg';
import { DataSource } from 'typeorm';
import type { CitizenV1, EventOf } from '@profila/contracts';
import {
  connectEventHandlers,
  type InboxContext,
  InboxEventPattern,
  InboxEventServer,
  MessagingModule,
  MessagingTables1763900000000,
  OutboxService,
} from '@profila/messaging';
import { DatabaseModule } from '@profila/persistence';
import { AuthModule, createServiceApp, SERVICE_TOKEN_HEADER } from '@profila/platform';
import { createTestDatabase } from '@profila/testing';

const SERVICE_TOKEN = 'inbox-test-service-token';

const citizen = (codiceFiscale: string, nome: string): CitizenV1 => ({
  codiceFiscale,
  nome,
  cognome: 'Verdi',
  email: null,
  source: 'spid',
});

/** Names whose events the handler fails on (a bug), until the test "fixes" it. */
@Injectable()
class Bugs {
  readonly failOn = new Set<string>();
}

@Controller()
class CitizensEventsController {
  constructor(private readonly bugs: Bugs) {}

  @InboxEventPattern(['citizen.registered', 'citizen.updated'], { group: 'test.citizens' })
  async citizenChanged(
    @Payload() event: EventOf<'citizen.registered' | 'citizen.updated'>,
    @Ctx() context: InboxContext,
  ) {
    // Typed by the contract: no cast. The effect is written before failing: a failure must roll it back.
    await context
      .getManager()
      .query('INSERT INTO effect (grp, event_id, type, nome) VALUES ($1, $2, $3, $4)', [
        context.getGroup(),
        event.id,
        event.type,
        event.data.nome,
      ]);
    if (this.bugs.failOn.has(event.data.nome)) throw new Error(`handler bug on ${event.data.nome}`);
  }
}

/** A second feature on the same topic: its own group, its own offsets and inbox. */
@Controller()
class WelcomeEventsController {
  @InboxEventPattern('citizen.registered', { group: 'test.welcome' })
  async welcome(@Payload() event: EventOf<'citizen.registered'>, @Ctx() context: InboxContext) {
    await context
      .getManager()
      .query('INSERT INTO effect (grp, event_id, type, nome) VALUES ($1, $2, $3, $4)', [
        context.getGroup(),
        event.id,
        event.type,
        event.data.nome,
      ]);
  }
}

// Never registered: only here for the compiler. A handler's parameter must match its event types.
export class MistypedEventsController {
  // @ts-expect-error a citizen.registered handler cannot take document events
  @InboxEventPattern('citizen.registered', { group: 'test.mistyped' })
  async wrongPayload(_event: EventOf<'document.stored'>) {}

  // @ts-expect-error a handler of two types must take both
  @InboxEventPattern(['citizen.registered', 'citizen.updated'], { group: 'test.mistyped' })
  async tooNarrow(_event: EventOf<'citizen.registered'>) {}

  // @ts-expect-error not an event type of the catalog
  @InboxEventPattern('citizen.exploded', { group: 'test.mistyped' })
  async unknownType(_event: EventOf<'citizen.registered'>) {}
}

@Module({ controllers: [CitizensEventsController, WelcomeEventsController], providers: [Bugs], exports: [Bugs] })
class CitizensFeatureModule {}

@Controller()
class ForeignGroupController {
  @InboxEventPattern('citizen.registered', { group: 'someone-else.citizens' })
  async handle() {}
}

@Module({ controllers: [ForeignGroupController] })
class ForeignGroupModule {}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('event handlers as @InboxEventPattern methods (custom Nest transport over the consumer runner)', () => {
  let app: NestFastifyApplication;
  let base: string;
  let ds: DataSource;
  let eventsUrl: string;
  let databaseUrl: string;

  const rootModule = (feature: Type<unknown>): DynamicModule => ({
    module: class TestRoot {},
    imports: [
      DatabaseModule.forService({ url: databaseUrl, entities: [], migrations: [MessagingTables1763900000000] }),
      MessagingModule.forRoot({
        service: 'test',
        databaseUrl,
        transport: 'postgres',
        eventsDatabaseUrl: eventsUrl,
        maxAttempts: 3,
        retryBaseMs: 1,
      }),
      AuthModule.forRoot({ serviceToken: SERVICE_TOKEN }),
      feature,
    ],
  });

  const publish = (type: 'citizen.registered' | 'citizen.updated', data: CitizenV1) =>
    ds.transaction((m) => app.get(OutboxService).add(m, type, data.codiceFiscale, data));

  const effects = (eventId: string) =>
    ds.query<Array<{ grp: string; type: string; nome: string }>>(
      'SELECT grp, type, nome FROM effect WHERE event_id = $1 ORDER BY grp',
      [eventId],
    );

  const service = (path: string, init: RequestInit = {}) =>
    fetch(`${base}${path}`, { ...init, headers: { [SERVICE_TOKEN_HEADER]: SERVICE_TOKEN } });

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('inbox_server');
    eventsUrl = await createTestDatabase('inbox_events');
    app = await createServiceApp(rootModule(CitizensFeatureModule), { name: 'test', logLevel: 'silent' });
    ds = app.get(DataSource);
    await ds.query('CREATE TABLE effect (grp text NOT NULL, event_id uuid NOT NULL, type text NOT NULL, nome text)');
    connectEventHandlers(app);
    await app.startAllMicroservices();
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  }, 30_000);

  afterAll(async () => {
    await app?.close();
  });

  it('discovers the handlers of the feature controllers at start-up: one consumer group each, topics from the contract', () => {
    expect(app.get(InboxEventServer).subscriptions()).toEqual([
      { group: 'test.citizens', topics: ['identity.citizen.v1'], types: ['citizen.registered', 'citizen.updated'] },
      { group: 'test.welcome', topics: ['identity.citizen.v1'], types: ['citizen.registered'] },
    ]);
  });

  it('delivers each event, typed, to every group that handles its type, once, inside the inbox transaction', async () => {
    const registered = await publish('citizen.registered', citizen('VRDLGU80A01H501X', 'Luigi'));
    const updated = await publish('citizen.updated', citizen('VRDLGU80A01H501X', 'Luigi Maria'));
    await until('both groups', async () => ((await effects(updated.id)).length === 1 ? true : undefined));
    expect(await effects(registered.id)).toEqual([
      { grp: 'test.citizens', type: 'citizen.registered', nome: 'Luigi' },
      { grp: 'test.welcome', type: 'citizen.registered', nome: 'Luigi' },
    ]);
    // test.welcome handles no citizen.updated: the event is skipped, not an error (no dead letter).
    expect(await effects(updated.id)).toEqual([{ grp: 'test.citizens', type: 'citizen.updated', nome: 'Luigi Maria' }]);
    const parked = await ds.query<unknown[]>('SELECT 1 FROM dead_letter');
    expect(parked).toHaveLength(0);
  });

  it('a redelivery (offsets rewound) has no effect: the inbox de-duplicates by event id', async () => {
    const first = await publish('citizen.registered', citizen('BNCNNA80A41H501X', 'Anna'));
    await until('first effect', async () => ((await effects(first.id)).length === 2 ? true : undefined));
    const events = new pg.Client({ connectionString: eventsUrl });
    await events.connect();
    const rewound = await events.query(
      `UPDATE consumer_offset SET committed = -1 WHERE group_id IN ('test.citizens', 'test.welcome')`,
    );
    await events.end();
    expect(rewound.rowCount).toBeGreaterThan(0);
    // A sentinel of the same citizen (same partition, after it): when its effect shows, the redelivery is done.
    const sentinel = await publish('citizen.registered', citizen('BNCNNA80A41H501X', 'Sentinella'));
    await until('sentinel', async () => ((await effects(sentinel.id)).length === 2 ? true : undefined));
    expect(await effects(first.id)).toHaveLength(2);
    const total = await ds.query<Array<{ n: number }>>('SELECT count(*)::int AS n FROM effect');
    const distinct = await ds.query<Array<{ n: number }>>(
      'SELECT count(*)::int AS n FROM (SELECT DISTINCT grp, event_id FROM effect) d',
    );
    expect(total).toEqual(distinct);
  });

  it('a handler that keeps failing is retried, rolled back, then parked; later events go on; replay applies it once', async () => {
    app.get(Bugs).failOn.add('Guasto');
    const poisoned = await publish('citizen.registered', citizen('RSSGST80A01H501X', 'Guasto'));
    const after = await publish('citizen.updated', citizen('RSSGST80A01H501X', 'Dopo'));
    await until('the event after the poisoned one', async () =>
      (await effects(after.id)).length === 1 ? true : undefined,
    );
    // The other group was not affected by this group's bug; this group's writes were rolled back at each try.
    expect(await effects(poisoned.id)).toEqual([{ grp: 'test.welcome', type: 'citizen.registered', nome: 'Guasto' }]);

    const list = (await (await service('/messaging/dead-letters')).json()) as Array<{
      id: string;
      group: string;
      eventId: string;
      eventType: string;
      attempts: number;
      error: string;
    }>;
    expect(list).toEqual([
      expect.objectContaining({
        group: 'test.citizens',
        eventId: poisoned.id,
        eventType: 'citizen.registered',
        attempts: 3,
        error: 'Error: handler bug on Guasto', // the handler's own error, not Nest's "Internal server error"
      }),
    ]);
    expect((await fetch(`${base}/messaging/dead-letters`)).status).toBe(401);

    app.get(Bugs).failOn.clear(); // the bug is fixed
    const replay = await service(`/messaging/dead-letters/${list[0].id}/replay`, { method: 'POST' });
    expect(replay.status).toBe(201);
    expect(await replay.json()).toEqual({ id: list[0].id, outcome: 'replayed' });
    expect(await effects(poisoned.id)).toEqual([
      { grp: 'test.citizens', type: 'citizen.registered', nome: 'Guasto' },
      { grp: 'test.welcome', type: 'citizen.registered', nome: 'Guasto' },
    ]);
    const again = await service(`/messaging/dead-letters/${list[0].id}/replay`, { method: 'POST' });
    expect(again.status).toBe(404);
    expect(await again.json()).toMatchObject({ code: 'DEAD_LETTER_NOT_FOUND' });
    expect((await service('/messaging/dead-letters')).ok).toBe(true);
    expect(await (await service('/messaging/dead-letters')).json()).toEqual([]);
  });

  it('refuses at start-up a handler whose consumer group is not "<service>.<purpose>"', async () => {
    // (createServiceApp aborts the process on such an error, as a service should; here the test wants the error.)
    const other = await NestFactory.create(rootModule(ForeignGroupModule), new FastifyAdapter(), {
      abortOnError: false,
      logger: false,
    });
    try {
      expect(() => connectEventHandlers(other)).toThrow(/consumer group must be "test\.<purpose>"/);
    } finally {
      await other.close();
    }
  });
});
