// notification in-process on a real PostgreSQL, fed through the postgres transport, sending over real SMTP to the
// mail catcher: every delegation outcome becomes the Italian mail of its template to the right citizens, at the
// addresses identity's citizen events gave, once per event and recipient even when the event is delivered again.
import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import {
  CITIZEN_TOPIC_V1,
  type CitizenV1,
  DELEGATION_TOPIC_V1,
  type DelegationV1,
  type EventOf,
  type EventType,
} from '@profila/contracts';
import { MailCatcher } from '@profila/embedded';
import { connectEventHandlers, PostgresEventTransport } from '@profila/messaging';
import { createServiceApp, DEV_SERVICE_TOKEN, SERVICE_TOKEN_HEADER } from '@profila/platform';
import { createTestDatabase, freePort } from '@profila/testing';
import { loadNotificationEnv } from '../src/config/notification.env.js';
import { NotificationModule } from '../src/notification.module.js';

const A = 'RSSMRA80A01H501U';
const B = 'BNCGNN75C41F205H';

let app: NestFastifyApplication;
let ds: DataSource;
let events: PostgresEventTransport;
let catcher: MailCatcher;

function envelope<T extends EventType>(type: T, aggregateId: string, data: EventOf<T>['data'], id = randomUUID()) {
  return {
    topic: type.startsWith('citizen.') ? CITIZEN_TOPIC_V1 : DELEGATION_TOPIC_V1,
    key: aggregateId,
    envelope: {
      id,
      type,
      version: 1,
      occurredAt: new Date().toISOString(),
      aggregateId,
      correlationId: randomUUID(),
      causationId: null,
      actor: { kind: 'system' as const, id: 'system' },
      data,
    },
  };
}

const delegation = (over: Partial<DelegationV1> = {}): DelegationV1 => ({
  delegationId: randomUUID(),
  requestId: 100123,
  requestKind: 'INSERIMENTO',
  status: 'IN_ATTESA',
  delegator: { codiceFiscale: A, nome: 'Mario', cognome: 'Rossi' },
  delegate: { codiceFiscale: B, nome: 'Giovanna', cognome: 'Bianchi' },
  organization: { organizationId: randomUUID(), codiceFiscale: '01234567890', denominazione: 'Rossi S.r.l.' },
  tipoSoggettoAbilitato: null,
  dataInizio: '2026-03-10',
  dataScadenza: '2026-04-30',
  ...over,
});

const mailsTo = (address: string) => catcher.mails.filter((m) => m.to.includes(address));

beforeAll(async () => {
  const smtpPort = await freePort();
  catcher = new MailCatcher({ smtpPort });
  await catcher.start();
  const eventsUrl = await createTestDatabase('notification_events');
  const env = loadNotificationEnv({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: await createTestDatabase('notification'),
    EVENT_TRANSPORT: 'postgres',
    EVENTS_DATABASE_URL: eventsUrl,
    SMTP_PORT: String(smtpPort),
    MAIL_POLL_MS: '100',
    PUBLIC_URL: 'https://portale.example.it',
  });
  app = await createServiceApp(NotificationModule.register(env), { name: 'notification', logLevel: 'silent' });
  connectEventHandlers(app);
  await app.startAllMicroservices();
  await app.listen(0, '127.0.0.1');
  ds = app.get(DataSource);
  events = new PostgresEventTransport({ url: eventsUrl, pollIntervalMs: 100 });
  const citizens: CitizenV1[] = [
    { codiceFiscale: A, nome: 'Mario', cognome: 'Rossi', email: 'mario.rossi@example.it', source: 'spid' },
    { codiceFiscale: B, nome: 'Giovanna', cognome: 'Bianchi', email: 'Giovanna.Bianchi@example.it', source: 'spid' },
  ];
  await events.publish(citizens.map((c) => envelope('citizen.registered', c.codiceFiscale, c)));
  await catcher.waitFor((m) => m.to.includes('giovanna.bianchi@example.it') && m.subject === 'Benvenuto in Profila');
}, 60_000);

afterAll(async () => {
  await events?.close();
  await app?.close();
  await catcher?.stop();
});

describe('delegation mails', () => {
  it('received: the delegate is told who delegated them, for which company, when, and where to answer', async () => {
    const d = delegation();
    await events.publish([envelope('delegation.requested', d.delegationId, d)]);
    const mail = await catcher.waitFor((m) => m.subject === 'Hai ricevuto una delega');
    expect(mail.to).toEqual(['giovanna.bianchi@example.it']);
    expect(mail.text).toContain('Gentile Giovanna Bianchi,');
    expect(mail.text).toContain(
      `Mario Rossi (${A}) ti ha delegato a operare per Rossi S.r.l. (01234567890) dal 10-03-2026 al 30-04-2026.`,
    );
    expect(mail.text).toContain('Id richiesta: 100123.');
    expect(mail.text).toContain('https://portale.example.it/area-riservata/deleghe');
    expect(mail.html).toContain('<h1 style="color:#0066cc;font-size:20px">Hai ricevuto una delega</h1>');
  });

  it('accepted and refused (with the reason) go to the delegator; a refused Modifica says the old terms hold', async () => {
    const d = delegation({ status: 'ACCETTATA' });
    await events.publish([
      envelope('delegation.accepted', d.delegationId, d),
      envelope('delegation.refused', d.delegationId, { ...d, requestKind: 'MODIFICA', reason: 'Date <sbagliate>' }),
    ]);
    const accepted = await catcher.waitFor((m) => m.subject === 'Delega accettata');
    expect(accepted.to).toEqual(['mario.rossi@example.it']);
    expect(accepted.text).toContain(`Giovanna Bianchi (${B}) ha accettato la delega per Rossi S.r.l.`);
    const refused = await catcher.waitFor((m) => m.subject === 'Modifica della delega rifiutata');
    expect(refused.text).toContain('Motivo del rifiuto: Date <sbagliate>');
    expect(refused.text).toContain('Resta valida la delega dal 10-03-2026 al 30-04-2026.');
    expect(refused.html).toContain('Date &lt;sbagliate&gt;'); // escaped in the HTML part
  });

  it('modified goes to the delegate with the new and the current dates', async () => {
    const d = delegation({
      status: 'ACCETTATA',
      requestKind: 'MODIFICA',
      proposed: { dataInizio: '2026-03-10', dataScadenza: '2026-12-31' },
    });
    await events.publish([envelope('delegation.modified', d.delegationId, d)]);
    const mail = await catcher.waitFor((m) => m.subject === 'Richiesta di modifica di una delega');
    expect(mail.to).toEqual(['giovanna.bianchi@example.it']);
    expect(mail.text).toContain('nuove date dal 10-03-2026 al 31-12-2026');
    expect(mail.text).toContain('Fino alla tua accettazione resta valida la delega dal 10-03-2026 al 30-04-2026.');
  });

  it('revoked, expiring and expired reach both the delegate and the delegator', async () => {
    const d = delegation({ status: 'REVOCATA', requestKind: 'REVOCA' });
    await events.publish([
      envelope('delegation.revoked', d.delegationId, d),
      envelope('delegation.expiring', d.delegationId, { ...d, status: 'ACCETTATA', daysLeft: 7 }),
      envelope('delegation.expired', d.delegationId, { ...d, status: 'SCADUTA' }),
    ]);
    for (const subject of ['Delega revocata', 'Delega in scadenza', 'Delega scaduta']) {
      await catcher.waitFor((m) => m.subject === subject && m.to.includes('mario.rossi@example.it'));
      await catcher.waitFor((m) => m.subject === subject && m.to.includes('giovanna.bianchi@example.it'));
    }
    const expiring = catcher.mails.find((m) => m.subject === 'Delega in scadenza')!;
    expect(expiring.text).toContain('scade il 30-04-2026 (tra 7 giorni).');
  });

  it('one mail per event and recipient: the same event delivered again sends nothing more', async () => {
    const d = delegation();
    const again = envelope('delegation.requested', d.delegationId, d);
    await events.publish([again]);
    const received = () =>
      mailsTo('giovanna.bianchi@example.it').filter((m) => m.subject === 'Hai ricevuto una delega');
    await catcher.waitFor(() => received().length === 2); // the first test's and this one's
    // The broker hands the same event over again (same id): the inbox and the mail key both refuse a second mail.
    await events.publish([again]);
    await ds.query(`DELETE FROM inbox WHERE event_id = $1`, [again.envelope.id]); // even past the inbox de-duplication
    await events.publish([again]);
    await new Promise((r) => setTimeout(r, 1500));
    expect(received()).toHaveLength(2);
    const rows = await ds.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM mail WHERE event_id = $1`, [
      again.envelope.id,
    ]);
    expect(rows[0].n).toBe(1);
  });

  it('the mail log lists what was sent to whom', async () => {
    const rows = await ds.query<Array<{ template: string; status: string }>>(
      `SELECT DISTINCT template, status FROM mail WHERE template LIKE 'delegation-%' ORDER BY template`,
    );
    expect(rows.map((r) => r.template)).toEqual([
      'delegation-accepted',
      'delegation-expired',
      'delegation-expiring',
      'delegation-modified',
      'delegation-received',
      'delegation-refused',
      'delegation-revoked',
    ]);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['sent']));
  });

  it('the mail log API answers services only, and bad filters with the one VALIDATION_FAILED shape', async () => {
    const base = await app.getUrl();
    const asService = { [SERVICE_TOKEN_HEADER]: DEV_SERVICE_TOKEN, 'x-profila-service': 'test' };
    const mine = await fetch(`${base}/mails?recipient=giovanna.bianchi@example.it`, { headers: asService });
    expect(mine.status).toBe(200);
    const mails = (await mine.json()) as Array<{ to: string; subject: string }>;
    expect(mails.length).toBeGreaterThan(0);
    expect(mails.every((m) => JSON.stringify(m).includes('giovanna.bianchi@example.it'))).toBe(true);

    expect((await fetch(`${base}/mails`)).status).toBe(401);
    const bad = await fetch(`${base}/mails?recipient=${'x'.repeat(321)}&extra=1`, { headers: asService });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'Dati non validi',
      details: { fields: { recipient: 'Al massimo 320 caratteri', extra: 'Campo non previsto' } },
    });
  });
});
