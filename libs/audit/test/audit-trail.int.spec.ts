import { DataSource } from 'typeorm';
import { serviceDataSourceOptions } from '@profila/persistence';
import { requestContext } from '@profila/platform';
import { createTestDatabase } from '@profila/testing';
import { AuditEntry, AuditTables1763900001000, AuditTrail } from '@profila/audit';

let ds: DataSource;
const audit = new AuditTrail();

beforeAll(async () => {
  ds = new DataSource(
    serviceDataSourceOptions({
      url: await createTestDatabase('audit'),
      entities: [AuditEntry],
      migrations: [AuditTables1763900001000],
      migrationsRun: true,
    }),
  );
  await ds.initialize();
});

afterAll(async () => {
  await ds?.destroy();
});

describe('AuditTrail', () => {
  it('records who, acting for whom, when and what, taking the actor and request ids from the request context', async () => {
    await requestContext.run(
      {
        requestId: 'req-1',
        correlationId: 'corr-1',
        actor: { kind: 'citizen', id: 'RSSMRA80A01H501U', actingFor: 'org-42' },
      },
      () =>
        ds.transaction((manager) =>
          audit.record(manager, {
            action: 'unit.added',
            subject: { type: 'organization', id: 'org-42' },
            data: { descrizione: 'Sede di Trento' },
          }),
        ),
    );
    const [entry] = await audit.history(ds.manager, { type: 'organization', id: 'org-42' });
    expect(entry).toMatchObject({
      action: 'unit.added',
      actorKind: 'citizen',
      actorId: 'RSSMRA80A01H501U',
      actingFor: 'org-42',
      subjectType: 'organization',
      subjectId: 'org-42',
      data: { descrizione: 'Sede di Trento' },
      requestId: 'req-1',
      correlationId: 'corr-1',
    });
    expect(Date.now() - entry.occurredAt.getTime()).toBeLessThan(60_000);
  });

  it('commits or rolls back with the change it describes', async () => {
    await expect(
      ds.transaction(async (manager) => {
        await audit.record(manager, { action: 'organization.updated', subject: { type: 'organization', id: 'org-7' } });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await audit.history(ds.manager, { type: 'organization', id: 'org-7' })).toEqual([]);
  });

  it('falls back to the system actor outside a request', async () => {
    await ds.transaction((manager) =>
      audit.record(manager, { action: 'organization.expired', subject: { type: 'organization', id: 'org-9' } }),
    );
    const [entry] = await audit.history(ds.manager, { type: 'organization', id: 'org-9' });
    expect(entry).toMatchObject({ actorKind: 'system', actorId: 'system', actingFor: null });
  });
});
