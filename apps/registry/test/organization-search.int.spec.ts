/* eslint-disable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return -- response bodies are
   checked by the assertions themselves (Json is any) */
// Associa profilo search through the real Nest app and HTTP, against real PostgreSQL: the order of the results (names
// starting with the text first, in C-collation order, then names containing it), the limit across both parts, the
// Tipo profilo filter, LIKE wildcards taken literally, repeated searches on prepared statements answering the same,
// and the hand-written query validation (400 with the same field messages as before).
import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pg from 'pg';
import { AccessTokenIssuer, type Actor } from '@profila/platform';
import { createTestDatabase } from '@profila/testing';
import { loadRegistryEnv } from '../src/config/registry.env.js';
import { NameIndexFeed } from '../src/organizations/name-index.feed.js';
import { prefixEnd } from '../src/organizations/organization.repository.js';
import { fold } from '../src/reference-data/italian-places.js';
import { createRegistryApp } from '../src/registry.app.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const CITIZEN: Actor = { kind: 'citizen', id: 'VNTLNZ88B26I921M' };
let issuer: AccessTokenIssuer;
let registry: NestFastifyApplication;
let baseUrl: string;
let db: pg.Client;
let cfSeq = 1000;

async function search(query: string): Promise<{ status: number; json: Json }> {
  const res = await fetch(`${baseUrl}/organizations/search?${query}`, {
    headers: { authorization: `Bearer ${await issuer.issue(CITIZEN)}` },
  });
  return { status: res.status, json: await res.json() };
}
const names = async (query: string): Promise<string[]> =>
  ((await search(query)).json.items as Json[]).map((h) => h.ragioneSociale);

/**
 * Waits until a search answers as expected: a row written straight into the table (by another replica, the legacy
 * import) reaches this replica's name index through its notification, a moment after the commit.
 */
async function eventually(query: string, expected: (found: string[]) => boolean): Promise<string[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const found = await names(query);
    if (expected(found) || Date.now() > deadline) return found;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Organisations straight into the table, as a bulk import writes them (the search reads only the table). */
async function insert(...ragioniSociali: string[]): Promise<void> {
  for (const ragioneSociale of ragioniSociali) {
    const cf = String(++cfSeq).padStart(11, '0');
    await db.query(
      `INSERT INTO organization (id, kind, codice_fiscale, ragione_sociale, ragione_sociale_norm, sede_comune,
         sede_provincia, sede_indirizzo, created_at, updated_at)
       VALUES ($1, 'azienda-italiana', $2, $3, $4, 'L378', 'TN', 'Via Roma 1', now(), now())`,
      [randomUUID(), cf, ragioneSociale, fold(ragioneSociale)],
    );
  }
}

beforeAll(async () => {
  ({ issuer } = await AccessTokenIssuer.generate());
  const registryDb = await createTestDatabase('regsearch');
  registry = await createRegistryApp(
    loadRegistryEnv({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      AUTH_JWKS: JSON.stringify(issuer.jwks),
      DATABASE_URL: registryDb,
      EVENTS_DATABASE_URL: await createTestDatabase('events'),
    }),
  );
  await registry.listen(0, '127.0.0.1');
  baseUrl = await registry.getUrl();
  db = new pg.Client({ connectionString: registryDb });
  await db.connect();
  await insert(
    'Alfieri Spa',
    'Beta Alfa Srl',
    'Alf_one Srl',
    'Àlfa Costruzioni Srl',
    'Gamma 50% Srl',
    'Gamma 500 Srl',
    'Omega Alfxone Snc',
  );
  await db.query(
    `INSERT INTO organization (id, kind, codice_identificativo, stato_estero, ragione_sociale, ragione_sociale_norm,
       sede_citta, sede_indirizzo, created_at, updated_at)
     VALUES ($1, 'azienda-estera', 'HRB 4711', 'Z112', 'Alfa Bau GmbH', 'ALFA BAU GMBH', 'München', 'Marienplatz 1',
       now(), now())`,
    [randomUUID()],
  );
  // The last row written, found by a substring: every earlier notification has been applied too (commit order).
  expect(await eventually('q=bau%20gmbh', (found) => found.length === 1)).toEqual(['Alfa Bau GmbH']);
  expect(registry.get(NameIndexFeed).ready?.size).toBe(8);
}, 60_000);

afterAll(async () => {
  await registry?.close();
  await db?.end();
});

describe('search order and filters', () => {
  it('lists names starting with the text first, in C-collation order, then those containing it', async () => {
    const found = await names('q=alf');
    // Starting with ALF, ordered on the folded name byte by byte: 'A B' < 'A C' < 'I' < '_'.
    expect(found.slice(0, 4)).toEqual(['Alfa Bau GmbH', 'Àlfa Costruzioni Srl', 'Alfieri Spa', 'Alf_one Srl']);
    expect(found.slice(4).sort()).toEqual(['Beta Alfa Srl', 'Omega Alfxone Snc']);
  });

  it('filters on Tipo profilo: italiane leaves out foreign companies, estere keeps only them', async () => {
    expect(await names('q=alf&tipo=estere')).toEqual(['Alfa Bau GmbH']);
    expect(await names('q=alf&tipo=italiane')).not.toContain('Alfa Bau GmbH');
    expect((await search('q=alf&tipo=italiane')).json.items[0]).toEqual({
      id: expect.any(String),
      kind: 'azienda-italiana',
      ragioneSociale: 'Àlfa Costruzioni Srl',
      codiceFiscale: expect.stringMatching(/^\d{11}$/),
      comune: 'Trento',
    });
  });

  it('takes % and _ literally', async () => {
    expect(await names(`q=${encodeURIComponent('alf_')}`)).toEqual(['Alf_one Srl']);
    expect(await names(`q=${encodeURIComponent('50%')}`)).toEqual(['Gamma 50% Srl']);
  });

  it('answers 20 at most: the names starting with the text fill the page before any containing it', async () => {
    await insert(...Array.from({ length: 17 }, (_, i) => `Zeta ${String(i).padStart(2, '0')} Srl`));
    await insert('Alfa Zeta Srl', 'Beta Zeta Srl', 'Gamma Zeta Srl', 'Delta Zeta Srl', 'Omega Zeta Srl');
    await eventually('q=mega%20zeta', (found) => found.length === 1);
    const found = await names('q=zeta');
    expect(found).toHaveLength(20);
    expect(found.slice(0, 17)).toEqual(Array.from({ length: 17 }, (_, i) => `Zeta ${String(i).padStart(2, '0')} Srl`));
    expect(found.slice(17).every((n) => n.endsWith(' Zeta Srl'))).toBe(true);
    await insert('Zeta 17 Srl', 'Zeta 18 Srl', 'Zeta 19 Srl', 'Zeta 20 Srl');
    const more = await names('q=zeta');
    expect(more).toEqual(Array.from({ length: 20 }, (_, i) => `Zeta ${String(i).padStart(2, '0')} Srl`));
  });

  it('answers the same on every search (prepared statements, parsed once per connection)', async () => {
    const first = await names('q=gamma');
    expect(first).toEqual(['Gamma 50% Srl', 'Gamma 500 Srl', 'Gamma Zeta Srl']);
    for (let i = 0; i < 12; i++) expect(await names('q=gamma')).toEqual(first);
    const byCf = (await search('q=00000001001')).json.items.map((h: Json) => h.ragioneSociale);
    for (let i = 0; i < 12; i++) {
      expect((await search('q=00000001001')).json.items.map((h: Json) => h.ragioneSociale)).toEqual(byCf);
    }
    expect(byCf).toEqual(['Alfieri Spa']);
  });
});

describe('names written by any writer', () => {
  it('finds a name written straight into the table by its substring, and follows a rename and a delete', async () => {
    const id = randomUUID();
    await db.query(
      `INSERT INTO organization (id, kind, codice_fiscale, ragione_sociale, ragione_sociale_norm, sede_comune,
         sede_provincia, sede_indirizzo, created_at, updated_at)
       VALUES ($1, 'azienda-italiana', '09999999999', 'Officine Quadrifoglio Srl', 'OFFICINE QUADRIFOGLIO SRL',
         'L378', 'TN', 'Via Roma 1', now(), now())`,
      [id],
    );
    expect(await eventually('q=quadrifo', (f) => f.length === 1)).toEqual(['Officine Quadrifoglio Srl']);
    await db.query(
      `UPDATE organization SET ragione_sociale = 'Officine Trifoglio Srl', ragione_sociale_norm = 'OFFICINE TRIFOGLIO SRL'
        WHERE id = $1`,
      [id],
    );
    expect(await eventually('q=trifoglio', (f) => f.length === 1)).toEqual(['Officine Trifoglio Srl']);
    expect(await names('q=quadrifo')).toEqual([]);
    await db.query(`DELETE FROM organization WHERE id = $1`, [id]);
    expect(await eventually('q=trifoglio', (f) => f.length === 0)).toEqual([]);
  });

  it('finds a name too long for a notification (the index starts over from the table)', async () => {
    const name = `${'Q'.repeat(9000)} Coda Lunghissima Srl`;
    await db.query(
      `INSERT INTO organization (id, kind, codice_fiscale, ragione_sociale, ragione_sociale_norm, sede_comune,
         sede_provincia, sede_indirizzo, created_at, updated_at)
       VALUES ($1, 'azienda-italiana', '09999999998', $2, $3, 'L378', 'TN', 'Via Roma 1', now(), now())`,
      [randomUUID(), name, fold(name)],
    );
    expect(await eventually('q=coda%20lunghissima', (f) => f.length === 1)).toEqual([name]);
    const feed = registry.get(NameIndexFeed);
    for (const deadline = Date.now() + 10_000; !feed.ready && Date.now() < deadline;) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(await names('q=coda%20lunghissima')).toEqual([name]);
  });

  it('finds a company registered through the API by its substring at once (the writing replica applies it itself)', async () => {
    const res = await fetch(`${baseUrl}/organizations/estere`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await issuer.issue(CITIZEN)}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        codiceIdentificativo: 'FR 123 456 789',
        ragioneSociale: 'Société Générale de Montage',
        statoEstero: 'Z110',
        citta: 'Lyon',
        indirizzo: 'Rue de la République 1',
        email: 'contact@sgm.example',
      }),
    });
    expect(res.status).toBe(201);
    expect(await names('q=generale%20de%20mont&tipo=estere')).toEqual(['Société Générale de Montage']);
  });
});

describe('name index lost', () => {
  it('answers from PostgreSQL while the name index is rebuilt, then from the new index, with the same results', async () => {
    const feed = registry.get(NameIndexFeed);
    const before = (await names('q=zeta%20srl')).sort();
    await db.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'profila-registry-name-index'`,
    );
    const deadline = Date.now() + 5_000;
    while (feed.ready && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(feed.ready).toBeUndefined();
    await insert('Epsilon Zeta Srl');
    expect((await names('q=zeta%20srl')).sort()).toEqual([...before, 'Epsilon Zeta Srl'].sort().slice(0, 20));
    while (!feed.ready && Date.now() < deadline + 10_000) await new Promise((r) => setTimeout(r, 20));
    expect(feed.ready).toBeDefined();
    expect((await names('q=psilon%20zeta')).sort()).toEqual(['Epsilon Zeta Srl']);
  });
});

describe('search query validation', () => {
  it('refuses a text shorter than 3 or longer than 100 characters, an unknown Tipo profilo and unknown parameters', async () => {
    const message = /almeno 3 caratteri della ragione sociale o il codice fiscale/;
    for (const query of ['q=ze', 'q=%20%20ze%20%20', 'tipo=italiane', `q=${'a'.repeat(101)}`]) {
      const res = await search(query);
      expect(res.status).toBe(400);
      expect(res.json.code).toBe('VALIDATION_FAILED');
      expect(res.json.details.fields.q).toMatch(message);
    }
    const tipo = await search('q=alfa&tipo=tedesche');
    expect(tipo.status).toBe(400);
    expect(tipo.json.details.fields).toEqual({ tipo: 'Tipo profilo non previsto' });
    const unknown = await search('q=alfa&order=desc');
    expect(unknown.status).toBe(400);
    expect(unknown.json.details.fields).toEqual({ order: 'Campo non previsto' });
    expect((await search(`q=${'a'.repeat(100)}`)).status).toBe(200);
    expect(await names('q=%20%20alfieri%20%20%20spa%20')).toEqual(['Alfieri Spa']);
  });
});

describe('prefixEnd', () => {
  it('is the first string after every string starting with the text, in code point order', () => {
    expect(prefixEnd('ABC')).toBe('ABD');
    expect(prefixEnd('AL_')).toBe('AL`');
    expect(prefixEnd('AB\u{10ffff}')).toBe('AC');
    expect(prefixEnd('AB\ud7ff')).toBe('AB\ue000');
    for (const name of ['ABC', 'ABC SRL', 'ABC\u{10ffff}']) {
      expect(name >= 'ABC' && name < prefixEnd('ABC')).toBe(true);
    }
    expect('ABD' < prefixEnd('ABC')).toBe(false);
  });
});
