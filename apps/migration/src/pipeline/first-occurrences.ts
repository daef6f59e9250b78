import type { FirstOccurrence, FirstOccurrenceKeys, RejectedRow } from '#registry/legacy-import';
import { RejectReason } from './reject-reason.js';
import type { LegacyRecord } from './row-decoder.js';

/** The kinds of key a run records the first occurrence of (legacy_import_first.kind). */
export const FirstKind = { USERNAME: 1, ORGANIZATION: 2, PERSON: 3, SEDE: 4 } as const;

/** The keys a batch's records need decided, and the organisation CFs whose ids are looked up with them. */
export interface BatchKeys extends FirstOccurrenceKeys {
  codiciFiscali: string[];
}

export interface BatchDecisions {
  /** The records that passed the cross-row checks, in file order, with their firstOf… flags set. */
  accepted: LegacyRecord[];
  /** The records that did not: a duplicate username, or other data for a CF seen before. */
  rejects: RejectedRow[];
  /** The first occurrences this batch introduces (what later batches must see). */
  firsts: FirstOccurrence[];
}

function organizationOf(r: LegacyRecord): { cf: string; field: string } | null {
  if (r.kind === 'aziende') return { cf: r.codiceFiscale, field: 'ragione_sociale' };
  if (r.kind === 'operatori') return { cf: r.codiceFiscaleEnte, field: 'denominazione_ente' };
  return null;
}

function personOf(r: LegacyRecord): { cf: string; field: string } {
  return r.kind === 'aziende'
    ? { cf: r.referente.codiceFiscale, field: 'referente_codice_fiscale' }
    : { cf: r.person.codiceFiscale, field: 'codice_fiscale' };
}

/** Every distinct key of the batch's (statelessly valid) records: one look-up for the whole batch. */
export function batchKeys(records: LegacyRecord[]): BatchKeys {
  const seen = new Set<string>();
  const keys: BatchKeys = { kinds: [], keys: [], codiciFiscali: [] };
  const add = (kind: number, key: string) => {
    const id = `${kind}:${key}`;
    if (seen.has(id)) return;
    seen.add(id);
    keys.kinds.push(kind);
    keys.keys.push(key);
    if (kind === FirstKind.ORGANIZATION) keys.codiciFiscali.push(key);
  };
  for (const r of records) {
    add(FirstKind.USERNAME, r.username.toLowerCase());
    const organization = organizationOf(r);
    if (organization) add(FirstKind.ORGANIZATION, organization.cf);
    add(FirstKind.PERSON, personOf(r).cf);
    if (r.kind === 'operatori') add(FirstKind.SEDE, r.sedeKey);
  }
  return keys;
}

/**
 * The cross-row decisions of one batch, in file order: `known` is what earlier batches of the run established for
 * the batch's keys; each accepted row adds its keys, so later rows of the same batch see it. First occurrence wins: a
 * later row with the same username (case-insensitive) is a duplicate; a later row of a CF with another digest is a
 * conflict; a rejected row changes nothing. The same rules, in the same order (username, organisation, person), as
 * one pass over the whole file, so the outcome does not depend on where the batches are cut.
 */
export function decideBatch(records: LegacyRecord[], known: FirstOccurrence[]): BatchDecisions {
  const usernames = new Set<string>();
  const organizations = new Map<string, number | null>();
  const people = new Map<string, number | null>();
  const sedi = new Set<string>();
  for (const k of known) {
    if (k.kind === FirstKind.USERNAME) usernames.add(k.key);
    else if (k.kind === FirstKind.ORGANIZATION) organizations.set(k.key, k.digest);
    else if (k.kind === FirstKind.PERSON) people.set(k.key, k.digest);
    else if (k.kind === FirstKind.SEDE) sedi.add(k.key);
  }
  const out: BatchDecisions = { accepted: [], rejects: [], firsts: [] };
  const reject = (r: LegacyRecord, reason: RejectReason, field: string) =>
    out.rejects.push({ line: r.line, username: r.username, reason, field });
  for (const r of records) {
    const username = r.username.toLowerCase();
    if (usernames.has(username)) {
      reject(r, RejectReason.USERNAME_DUPLICATO, 'username');
      continue;
    }
    const organization = organizationOf(r);
    let firstOfOrganization = false;
    if (organization && r.kind !== 'raa') {
      const digest = organizations.get(organization.cf);
      if (digest !== undefined && digest !== r.organizationDigest) {
        reject(r, RejectReason.DATI_IN_CONFLITTO, organization.field);
        continue;
      }
      firstOfOrganization = digest === undefined;
    }
    const person = personOf(r);
    const personDigest = people.get(person.cf);
    if (personDigest !== undefined && personDigest !== r.personDigest) {
      reject(r, RejectReason.DATI_IN_CONFLITTO, person.field);
      continue;
    }
    // Accepted: its keys are what later rows are compared with.
    usernames.add(username);
    out.firsts.push({ kind: FirstKind.USERNAME, key: username, digest: null });
    if (organization && r.kind !== 'raa' && firstOfOrganization) {
      organizations.set(organization.cf, r.organizationDigest);
      out.firsts.push({ kind: FirstKind.ORGANIZATION, key: organization.cf, digest: r.organizationDigest });
    }
    r.firstOfPerson = personDigest === undefined;
    if (r.firstOfPerson) {
      people.set(person.cf, r.personDigest);
      out.firsts.push({ kind: FirstKind.PERSON, key: person.cf, digest: r.personDigest });
    }
    if (r.kind !== 'raa') r.firstOfOrganization = firstOfOrganization;
    if (r.kind === 'operatori') {
      r.firstOfSede = !sedi.has(r.sedeKey);
      if (r.firstOfSede) {
        sedi.add(r.sedeKey);
        out.firsts.push({ kind: FirstKind.SEDE, key: r.sedeKey, digest: null });
      }
    }
    out.accepted.push(r);
  }
  // In index order: the inserts walk the primary key's btree left to right instead of all over it.
  out.firsts.sort((a, b) => a.kind - b.kind || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return out;
}

/** Two lists of rejects of one batch, each in line order, as one list in line order. */
export function mergeByLine(a: RejectedRow[], b: RejectedRow[]): RejectedRow[] {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out: RejectedRow[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i].line < b[j].line)) out.push(a[i++]);
    else out.push(b[j++]);
  }
  return out;
}
