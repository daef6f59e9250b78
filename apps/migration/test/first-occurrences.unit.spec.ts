// The cross-row decisions of a batch (first occurrence wins), as a pure function of the batch's records and what
// earlier batches recorded: cut anywhere, the batches decide what one pass over the whole file decides.
import type { FirstOccurrence } from '#registry/legacy-import';
import { batchKeys, decideBatch, FirstKind, mergeByLine } from '../src/pipeline/first-occurrences.js';
import { RejectReason } from '../src/pipeline/reject-reason.js';
import type { CompanyRecord, LegacyRecord, RaaRecord, StaffRecord } from '../src/pipeline/row-decoder.js';

const person = (cf: string) => ({
  codiceFiscale: cf,
  nome: 'N',
  cognome: 'C',
  dataNascita: null,
  luogoNascita: null,
  email: null,
});

function company(line: number, username: string, cf: string, org: number, referente: string, p: number): LegacyRecord {
  return {
    kind: 'aziende',
    line,
    username,
    codiceFiscale: cf,
    organizationDigest: org,
    referente: person(referente),
    personDigest: p,
    firstOfOrganization: false,
    firstOfPerson: false,
  } as unknown as CompanyRecord;
}

function staff(
  line: number,
  username: string,
  cf: string,
  org: number,
  sede: string,
  who: string,
  p: number,
): LegacyRecord {
  return {
    kind: 'operatori',
    line,
    username,
    codiceFiscaleEnte: cf,
    organizationDigest: org,
    sedeKey: `${cf}:${sede}`,
    person: person(who),
    personDigest: p,
    firstOfOrganization: false,
    firstOfSede: false,
    firstOfPerson: false,
  } as unknown as StaffRecord;
}

function raa(line: number, username: string, who: string, p: number): LegacyRecord {
  return {
    kind: 'raa',
    line,
    username,
    person: person(who),
    personDigest: p,
    firstOfPerson: false,
  } as unknown as RaaRecord;
}

/** A file's records, with duplicates and conflicts at every distance. */
function records(): LegacyRecord[] {
  return [
    company(2, 'alpha', 'ORG1', 1, 'P1', 10),
    company(3, 'beta', 'ORG1', 1, 'P2', 20), // same organisation, same data: accepted, not first
    company(4, 'ALPHA', 'ORG2', 2, 'P3', 30), // duplicate username (case-insensitive)
    company(5, 'gamma', 'ORG1', 9, 'P4', 40), // conflict: other ragione sociale for ORG1
    company(6, 'delta', 'ORG3', 3, 'P1', 11), // conflict: other data for the referent P1
    company(7, 'gamma', 'ORG4', 4, 'P5', 50), // gamma was rejected: its username is free, accepted
    staff(8, 'op1', 'ENTE1', 5, 'sede-a', 'P6', 60),
    staff(9, 'op2', 'ENTE1', 5, 'sede-a', 'P7', 70), // same sede: not first of sede
    staff(10, 'op3', 'ENTE1', 6, 'sede-b', 'P8', 80), // conflict: other denominazione
    staff(11, 'op4', 'ENTE1', 5, 'sede-b', 'P8', 80), // sede-b's first occurrence (op3 was rejected)
    raa(12, 'avv1', 'P1', 10), // same person as line 2: accepted, not first
    raa(13, 'avv2', 'P1', 12), // conflict
    raa(14, 'beta', 'P9', 90), // duplicate username of a company login
    company(15, 'epsilon', 'ORG2', 2, 'P3', 30), // ORG2's first accepted row (line 4 was rejected)
  ];
}

/** Decides the records batch by batch of `size`, with a table of first occurrences carried between batches. */
function decideInBatches(size: number) {
  const table = new Map<string, FirstOccurrence>();
  const accepted: Array<Record<string, unknown>> = [];
  const rejects: Array<[number, string, string]> = [];
  const all = records();
  for (let i = 0; i < all.length; i += size) {
    const batch = all.slice(i, i + size);
    const keys = batchKeys(batch);
    const known = keys.kinds
      .map((kind, k) => table.get(`${kind}:${keys.keys[k]}`))
      .filter((f): f is FirstOccurrence => f !== undefined);
    const decided = decideBatch(batch, known);
    for (const f of decided.firsts) {
      expect(table.has(`${f.kind}:${f.key}`)).toBe(false); // a first occurrence is recorded once
      table.set(`${f.kind}:${f.key}`, f);
    }
    for (const r of decided.accepted) {
      const { line, username, kind, ...rest } = r as unknown as Record<string, unknown>;
      accepted.push({
        line,
        username,
        kind,
        firstOfOrganization: rest.firstOfOrganization,
        firstOfPerson: rest.firstOfPerson,
        firstOfSede: rest.firstOfSede,
      });
    }
    for (const r of decided.rejects) rejects.push([r.line, r.reason, r.field]);
  }
  return { accepted, rejects, table: [...table.keys()].sort() };
}

describe('first occurrences, per batch', () => {
  it('decide the duplicates and conflicts of one pass over the file', () => {
    const { accepted, rejects } = decideInBatches(1000);
    expect(rejects).toEqual([
      [4, RejectReason.USERNAME_DUPLICATO, 'username'],
      [5, RejectReason.DATI_IN_CONFLITTO, 'ragione_sociale'],
      [6, RejectReason.DATI_IN_CONFLITTO, 'referente_codice_fiscale'],
      [10, RejectReason.DATI_IN_CONFLITTO, 'denominazione_ente'],
      [13, RejectReason.DATI_IN_CONFLITTO, 'codice_fiscale'],
      [14, RejectReason.USERNAME_DUPLICATO, 'username'],
    ]);
    const byLine = Object.fromEntries(accepted.map((a) => [a.line, a]));
    expect(byLine[2]).toMatchObject({ firstOfOrganization: true, firstOfPerson: true });
    expect(byLine[3]).toMatchObject({ firstOfOrganization: false, firstOfPerson: true });
    expect(byLine[7]).toMatchObject({ username: 'gamma', firstOfOrganization: true });
    expect(byLine[8]).toMatchObject({ firstOfOrganization: true, firstOfSede: true });
    expect(byLine[9]).toMatchObject({ firstOfOrganization: false, firstOfSede: false });
    expect(byLine[11]).toMatchObject({ firstOfSede: true, firstOfPerson: true });
    expect(byLine[12]).toMatchObject({ kind: 'raa', firstOfPerson: false });
    // Line 4 (ORG2, P3) was rejected: line 15 is the first occurrence of both.
    expect(byLine[15]).toMatchObject({ firstOfOrganization: true, firstOfPerson: true });
  });

  it.each([1, 2, 3, 4, 5, 7, 13])('give the same decisions with batches of %i rows', (size) => {
    expect(decideInBatches(size)).toEqual(decideInBatches(1000));
  });

  it('look each key of a batch up once', () => {
    const keys = batchKeys(records().slice(0, 3));
    expect(keys.kinds.map((k, i) => `${k}:${keys.keys[i]}`)).toEqual([
      `${FirstKind.USERNAME}:alpha`,
      `${FirstKind.ORGANIZATION}:ORG1`,
      `${FirstKind.PERSON}:P1`,
      `${FirstKind.USERNAME}:beta`,
      `${FirstKind.PERSON}:P2`,
      `${FirstKind.ORGANIZATION}:ORG2`, // ALPHA is alpha again
      `${FirstKind.PERSON}:P3`,
    ]);
    expect(keys.codiciFiscali).toEqual(['ORG1', 'ORG2']);
  });

  it('merge the stateless and the cross-row rejects of a batch in line order', () => {
    const r = (line: number) => ({ line, username: 'u', reason: 'R', field: '' });
    expect(mergeByLine([r(2), r(5), r(9)], [r(3), r(4), r(10)]).map((x) => x.line)).toEqual([2, 3, 4, 5, 9, 10]);
  });
});
