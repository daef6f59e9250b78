import pg from 'pg';
import { generateCodiceFiscale } from '@profila/italian';
import { DEFAULT_EVENT_LOG_PARTITIONS, partitionOf } from '@profila/messaging';
import { DEV_SERVICE_TOKEN, EVENTS_DATABASE } from '@profila/platform';
import type { EmbeddedPlatform } from '@profila/embedded';
import { startTestPlatform } from '@profila/testing';

const SERVICE_HEADERS = { 'content-type': 'application/json', 'x-profila-service-token': DEV_SERVICE_TOKEN };

/** Synthetic but valid codici fiscali (check character included): one birth date each. */
function syntheticCf(i: number, cognome = 'Test'): string {
  const day = new Date(Date.UTC(1950, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
  return generateCodiceFiscale({ cognome, nome: 'Prova', dataNascita: day, sesso: 'M', codiceCatastale: 'H501' });
}

async function registerCitizen(platform: EmbeddedPlatform, cf: string, email: string): Promise<Response> {
  return fetch(`${platform.serviceUrl('identity')}/citizens/${cf}`, {
    method: 'PUT',
    headers: SERVICE_HEADERS,
    body: JSON.stringify({ nome: 'Prova', cognome: `Cittadino ${cf.slice(0, 3)}`, email, source: 'spid' }),
  });
}

async function mailLog(platform: EmbeddedPlatform): Promise<Array<{ recipient: string; status: string }>> {
  const res = await fetch(`${platform.serviceUrl('notification')}/mails`, { headers: SERVICE_HEADERS });
  return (await res.json()) as Array<{ recipient: string; status: string }>;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let sentinels = 0;

/**
 * Registers one new citizen per partition of the event log and waits for their welcome mails (in the mail log and
 * on the wire). Each partition is handled in order, so once every sentinel's mail is there, every event published
 * before them has had its effect: whatever a test expects NOT to have happened would have happened by then.
 */
async function publishSentinels(platform: EmbeddedPlatform): Promise<string[]> {
  const byPartition = new Map<number, string>();
  while (byPartition.size < DEFAULT_EVENT_LOG_PARTITIONS) {
    const cf = syntheticCf(20_000 + sentinels++, 'Sentinella');
    const partition = partitionOf(cf, DEFAULT_EVENT_LOG_PARTITIONS);
    if (!byPartition.has(partition)) byPartition.set(partition, cf);
  }
  const recipients = [...byPartition.values()].map((cf) => `sentinel.${cf.toLowerCase()}@example.it`);
  for (const [i, cf] of [...byPartition.values()].entries()) {
    expect((await registerCitizen(platform, cf, recipients[i])).status).toBe(200);
  }
  await until('the sentinels’ mails', async () => {
    const logged = new Set((await mailLog(platform)).filter((m) => m.status === 'sent').map((m) => m.recipient));
    const sent = new Set(platform.mail.mails.map((m) => m.to[0]));
    return recipients.every((r) => logged.has(r) && sent.has(r)) ? true : undefined;
  });
  return recipients;
}

describe('events across the running platform (postgres transport)', () => {
  let platform: EmbeddedPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform();
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
  }, 60_000);

  it('the gateway reports every service healthy and serves the portal with security headers', async () => {
    // The per-service detail is for the service credential; the public answer is the overall status only.
    const health = await fetch(`${platform.gatewayUrl}/health`, { headers: SERVICE_HEADERS });
    expect(health.status).toBe(200);
    const body = (await health.json()) as { services: Record<string, string> };
    expect(Object.keys(body.services)).toHaveLength(7);
    expect(Object.values(body.services).every((s) => s === 'up')).toBe(true);
    const home = await fetch(`${platform.gatewayUrl}/`);
    expect(home.headers.get('content-type')).toContain('text/html');
    expect(home.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('the gateway routes /api/<service>, carries the request id, refuses spoofed service credentials, aggregates the API docs', async () => {
    // A browser cannot use the internal service credential through the gateway: it is stripped on the way in.
    const spoofed = await fetch(`${platform.gatewayUrl}/api/identity/citizens/RSSMRA80A01H501U`, {
      headers: { ...SERVICE_HEADERS, 'x-request-id': 'e2e-request-0001' },
    });
    expect(spoofed.status).toBe(401);
    expect(spoofed.headers.get('x-request-id')).toBe('e2e-request-0001');
    const body = (await spoofed.json()) as { code: string; requestId: string };
    expect(body.code).toBe('UNAUTHENTICATED');
    expect(body.requestId).toBe('e2e-request-0001');
    // The same call straight to the service (private network) with the credential works.
    const direct = await fetch(`${platform.serviceUrl('identity')}/citizens/RSSMRA80A01H501U`, {
      headers: SERVICE_HEADERS,
    });
    expect([200, 404]).toContain(direct.status);

    const docs = (await (await fetch(`${platform.gatewayUrl}/api/docs/openapi.json`)).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(docs.paths)).toEqual(
      expect.arrayContaining([
        '/api/identity/citizens/{codiceFiscale}',
        '/api/notification/mails',
        '/api/delegation/health',
      ]),
    );
    const page = await fetch(`${platform.gatewayUrl}/api/docs`);
    expect(await page.text()).toContain('swagger-ui');
    expect((await fetch(`${platform.gatewayUrl}/api/docs/assets/swagger-ui-bundle.js`)).status).toBe(200);
  });

  it('a citizen registered in identity gets one welcome mail from notification and is known to delegation', async () => {
    const cf = 'BNCGNN75C41F205H';
    expect((await registerCitizen(platform, cf, 'giovanna.bianchi@example.it')).status).toBe(200);
    const mail = await platform.mail.waitFor((m) => m.to.includes('giovanna.bianchi@example.it'));
    expect(mail.subject).toBe('Benvenuto in Profila');
    expect(mail.text).toContain(cf);
    const known = await until('delegation read model', async () => {
      const r = await fetch(`${platform.serviceUrl('delegation')}/known-citizens/${cf}`, { headers: SERVICE_HEADERS });
      return r.ok ? ((await r.json()) as { codiceFiscale: string }) : undefined;
    });
    expect(known.codiceFiscale).toBe(cf);
    // A second login is not a new registration: no second mail, once everything published after it is handled.
    expect((await registerCitizen(platform, cf, 'giovanna.bianchi@example.it')).status).toBe(200);
    await publishSentinels(platform);
    expect(platform.mail.mails.filter((m) => m.to.includes('giovanna.bianchi@example.it'))).toHaveLength(1);
  });

  it('SIGKILL of producer and consumers while events flow loses nothing and duplicates nothing; redelivery has no effect', async () => {
    const total = 60;
    const citizens = Array.from({ length: total }, (_, i) => ({
      cf: syntheticCf(i + 1),
      email: `citt${i + 1}@example.it`,
    }));
    const ours = () => platform.mail.mails.filter((m) => m.to[0].startsWith('citt'));
    // A client that retries until it gets an answer, as the SAML login would be retried by the citizen.
    const writes = (async () => {
      for (const c of citizens) {
        for (;;) {
          const res = await registerCitizen(platform, c.cf, c.email).catch(() => undefined);
          if (res?.status === 200) break;
          await sleep(100);
        }
        await sleep(15);
      }
    })();
    // Let some events through, then kill the producer and both consumers without warning, and restart them.
    await until('first mails', async () => (ours().length >= 3 ? true : undefined));
    const victims = ['identity', 'notification', 'delegation'] as const;
    await Promise.all(victims.map((s) => platform.killService(s)));
    await sleep(500);
    await Promise.all(victims.map((s) => platform.startService(s)));
    await writes;

    await until('every welcome mail', async () =>
      new Set(ours().map((m) => m.to[0])).size === total ? true : undefined,
    );
    await publishSentinels(platform); // a duplicate would have been queued and sent before them

    // The consumer's effect happened once per event: one mail in the log per recipient, all sent.
    const logged = (await mailLog(platform)).filter((r) => r.recipient.startsWith('citt'));
    expect(logged).toHaveLength(total);
    expect(new Set(logged.map((r) => r.recipient)).size).toBe(total);
    expect(logged.every((r) => r.status === 'sent')).toBe(true);
    // On the wire: one message per recipient. SMTP has no idempotency key, so a kill between the server's answer
    // and our commit may retransmit the SAME message (same Message-ID, collapsed by mail clients), never another.
    const idsPerRecipient = new Map<string, Set<string | null>>();
    for (const m of ours()) idsPerRecipient.set(m.to[0], (idsPerRecipient.get(m.to[0]) ?? new Set()).add(m.messageId));
    expect([...idsPerRecipient.values()].every((ids) => ids.size === 1)).toBe(true);
    expect(ours().length - total).toBeLessThanOrEqual(1); // at most the one mail in flight at the kill
    for (const c of citizens) {
      const r = await fetch(`${platform.serviceUrl('delegation')}/known-citizens/${c.cf}`, {
        headers: SERVICE_HEADERS,
      });
      expect(r.status).toBe(200);
    }

    // Redeliver everything: rewind the notification group's offsets in the event log. The inbox absorbs it.
    const events = new pg.Client({ connectionString: platform.postgres.url(EVENTS_DATABASE) });
    await events.connect();
    const rewound = await events.query(
      `UPDATE consumer_offset SET committed = -1 WHERE group_id = 'notification.citizen-mails'`,
    );
    await events.end();
    expect(rewound.rowCount).toBeGreaterThan(0);
    const mailsBefore = platform.mail.mails.length;
    const logBefore = (await mailLog(platform)).length;
    // The sentinels come after the rewound events on every partition: when their mails are out, the redelivery of
    // everything before them is done, and it added nothing but the sentinels' own mails.
    const sentinelMails = (await publishSentinels(platform)).length;
    expect(platform.mail.mails.length).toBe(mailsBefore + sentinelMails);
    expect((await mailLog(platform)).length).toBe(logBefore + sentinelMails);
  }, 120_000);
});
