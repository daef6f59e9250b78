import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import { generateCodiceFiscale, isValidPartitaIva } from '@profila/italian';
import { type Comune, hashLegacyPassword, type ItalianPlaces } from '#registry/legacy-import';
import { joinLine, LEGACY_COLUMNS } from '../format/legacy-format.js';

export interface SampleOptions {
  /** Company login rows (aziende.csv). */
  companies: number;
  /** Region / CPI staff rows (operatori.csv). */
  staff?: number;
  /** RAA user rows (raa.csv). */
  raa?: number;
  /** Share of company rows that are another login of an earlier company (default 0.3). */
  shared?: number;
  /** Share of bad rows, spread evenly over the reject reasons (default 0.02). */
  bad?: number;
  seed?: number;
}

export interface SampleSummary {
  files: string[];
  rows: number;
  badRows: number;
  /** Plain passwords of the first few accounts of each scheme, for tests and demos. */
  passwords: Array<{ username: string; scheme: string; password: string }>;
}

const COGNOMI = [
  'Rossi',
  'Russo',
  'Ferrari',
  'Esposito',
  'Bianchi',
  'Romano',
  'Colombo',
  'Ricci',
  'Marino',
  'Greco',
  'Bruno',
  'Gallo',
  'Conti',
  'De Luca',
  'Mancini',
  'Costa',
  'Giordano',
  'Rizzo',
  'Lombardi',
  'Moretti',
  'Barbieri',
  'Fontana',
  'Santoro',
  'Mariani',
  'Rinaldi',
  'Caruso',
  'Ferrara',
  'Galli',
  'Martini',
  'Leone',
  'Longo',
  'Gentile',
  'Martinelli',
  'Vitale',
  'Lombardo',
  'Serra',
  'Coppola',
  'De Santis',
  "D'Angelo",
  'Marchetti',
  'Parisi',
  'Villa',
  'Conte',
  'Ferraro',
  'Ferri',
  'Fabbri',
  'Bianco',
  'Marini',
  'Grasso',
  'Valentini',
  'Messina',
  'Sala',
  'De Angelis',
  'Gatti',
  'Pellegrini',
  'Palumbo',
  'Sanna',
  'Farina',
  'Rizzi',
  'Monti',
  'Cattaneo',
  'Moro',
  'Silvestri',
  'Venturi',
];
const NOMI_M = [
  'Marco',
  'Luca',
  'Giuseppe',
  'Andrea',
  'Francesco',
  'Alessandro',
  'Matteo',
  'Lorenzo',
  'Davide',
  'Simone',
  'Federico',
  'Riccardo',
  'Stefano',
  'Paolo',
  'Giovanni',
  'Antonio',
  'Roberto',
  'Mario',
  'Fabio',
  'Nicola',
];
const NOMI_F = [
  'Giulia',
  'Francesca',
  'Chiara',
  'Sara',
  'Martina',
  'Valentina',
  'Elena',
  'Alessia',
  'Federica',
  'Silvia',
  'Laura',
  'Anna',
  'Paola',
  'Maria',
  'Roberta',
  'Elisa',
  'Giorgia',
  'Ilaria',
  'Marta',
  'Veronica',
];
const SETTORI = [
  'Costruzioni',
  'Trasporti',
  'Servizi',
  'Meccanica',
  'Alimentari',
  'Impianti',
  'Consulting',
  'Logistica',
  'Informatica',
  'Arredamenti',
  'Tessile',
  'Turismo',
  'Ristorazione',
  'Pulizie',
  'Energia',
  'Agricola',
];
const FORME = ['S.R.L.', 'S.P.A.', 'S.N.C.', 'S.A.S.', 'SRLS', 'SOC. COOP.'];
const VIE = ['Via Roma', 'Via Garibaldi', 'Corso Italia', 'Via Mazzini', 'Via Dante', 'Piazza Duomo', 'Via Verdi'];
const ACCREDITAMENTI = [
  'Datore di lavoro privato',
  'Datore di lavoro privato',
  'Datore di lavoro privato',
  'Agenzia di Somministrazione',
  'Soggetto Abilitato ad agire per conto del datore di lavoro',
  'Soggetto promotore di tirocini',
  'Consulente del lavoro',
  '',
];
/** Regions and provincial agencies (real codici fiscali; those failing the checksum are skipped). */
const ENTI = [
  { cf: '00337460224', nome: 'Provincia Autonoma di Trento - Agenzia del Lavoro', tipo: 'provincia', province: ['TN'] },
  { cf: '80050050154', nome: 'Regione Lombardia', tipo: 'regione', province: ['MI', 'CO', 'BG', 'BS'] },
  { cf: '80143490581', nome: 'Regione Lazio', tipo: 'regione', province: ['RM', 'LT'] },
  { cf: '80007580279', nome: 'Regione del Veneto', tipo: 'regione', province: ['VE', 'PD', 'VR'] },
  { cf: '80087670016', nome: 'Regione Piemonte', tipo: 'regione', province: ['TO', 'CN'] },
  { cf: '80062590379', nome: 'Regione Emilia-Romagna', tipo: 'regione', province: ['BO', 'MO'] },
];
const BAD_KINDS = ['malformed', 'missing', 'invalid', 'scheme', 'cf', 'comune', 'duplicate', 'conflict'] as const;

/** Small seeded PRNG (mulberry32): the same seed writes the same files. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An 11-digit codice fiscale of a company with its check digit. */
export function companyCodiceFiscale(matricola: number, ufficio: number): string {
  const body = String(matricola % 10_000_000).padStart(7, '0') + String(ufficio).padStart(3, '0');
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const d = body.charCodeAt(i) - 48;
    if (i % 2 === 0) sum += d;
    else sum += d * 2 > 9 ? d * 2 - 9 : d * 2;
  }
  return body + String((10 - (sum % 10)) % 10);
}

/** Hashes a password with one of the legacy schemes the import accepts (the registry's own rule). */
export const legacyHash = hashLegacyPassword;

/** Writes aziende.csv, operatori.csv and raa.csv with valid CFs, real comuni, shared CFs and some bad rows. */
export async function generateSample(
  dir: string,
  places: ItalianPlaces,
  options: SampleOptions,
): Promise<SampleSummary> {
  await mkdir(dir, { recursive: true });
  const random = prng(options.seed ?? 20221128);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const comuni = places.comuni.filter((c) => c.cap.length > 0);
  const shared = options.shared ?? 0.3;
  const badRate = options.bad ?? 0.02;
  const passwords: SampleSummary['passwords'] = [];
  const bcryptPool = Array.from({ length: 8 }, (_, k) => ({ password: `Legacy-${k}-2019!`, hash: '' }));
  for (const entry of bcryptPool) entry.hash = bcrypt.hashSync(entry.password, 4);
  let badRows = 0;
  let serial = 0;

  const credentials = (username: string): [string, string] => {
    const r = random();
    if (r < 0.2) {
      const k = Math.floor(random() * bcryptPool.length);
      if (passwords.filter((p) => p.scheme === 'bcrypt').length < 3) {
        passwords.push({ username, scheme: 'bcrypt', password: bcryptPool[k].password });
      }
      return [bcryptPool[k].hash, 'bcrypt'];
    }
    const scheme = r < 0.65 ? 'sha1-salted' : 'md5';
    const password = `pw-${username}`;
    if (passwords.filter((p) => p.scheme === scheme).length < 3) passwords.push({ username, scheme, password });
    const salt = Math.floor(random() * 0xffffffff)
      .toString(16)
      .padStart(8, '0');
    return [legacyHash(scheme, password, salt), scheme];
  };
  const person = () => {
    const sesso = random() < 0.5 ? 'M' : 'F';
    const nome = pick(sesso === 'M' ? NOMI_M : NOMI_F);
    const cognome = pick(COGNOMI);
    const year = 1950 + Math.floor(random() * 50);
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    const dataNascita = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const luogo = pick(comuni).codiceBelfiore;
    const cf = generateCodiceFiscale({ cognome, nome, dataNascita, sesso, codiceCatastale: luogo });
    const email = `${fold(nome)}.${fold(cognome)}${Math.floor(random() * 1000)}@example.it`;
    return {
      cf,
      cognome,
      nome,
      dataNascita: `${dataNascita.slice(8)}/${dataNascita.slice(5, 7)}/${year}`,
      luogo,
      email,
    };
  };
  const registered = () => {
    const y = 2005 + Math.floor(random() * 17);
    return `${String(1 + Math.floor(random() * 28)).padStart(2, '0')}/${String(1 + Math.floor(random() * 12)).padStart(2, '0')}/${y}`;
  };
  const address = () => `${pick(VIE)} ${1 + Math.floor(random() * 200)}`;
  const spoil = (fields: string[], kind: (typeof BAD_KINDS)[number], cfIndex: number, comuneIndex: number) => {
    if (kind === 'malformed') return fields.slice(0, fields.length - 3);
    const out = [...fields];
    if (kind === 'missing') out[5] = '';
    else if (kind === 'invalid') out[3] = '31/02/2019';
    else if (kind === 'scheme') out[2] = 'des-crypt';
    else if (kind === 'cf') {
      const cf = out[cfIndex];
      const last = cf.slice(-1);
      out[cfIndex] = cf.slice(0, -1) + (/\d/.test(last) ? String((Number(last) + 1) % 10) : last === 'A' ? 'B' : 'A');
    } else if (kind === 'comune') {
      out[comuneIndex] = 'X999';
      out[comuneIndex + 1] = '';
    }
    return out;
  };

  const files: string[] = [];
  const open = (name: string, columns: readonly string[]) => {
    const path = join(dir, name);
    files.push(path);
    const out = createWriteStream(path, { highWaterMark: 1 << 20 });
    out.write(joinLine(columns) + '\n');
    return out;
  };
  const write = async (out: WriteStream, line: string) => {
    if (!out.write(line + '\n')) await new Promise<void>((r) => out.once('drain', () => r()));
  };
  const close = (out: WriteStream) => new Promise<void>((r) => out.end(() => r()));

  // Company logins: a ring of recent companies and referents gives shared CFs and referents of several companies.
  interface Company {
    cf: string;
    ragione: string;
    comune: Comune;
    email: string;
  }
  const recent: Company[] = [];
  const referents: ReturnType<typeof person>[] = [];
  const usernames: string[] = [];
  const aziende = open('aziende.csv', LEGACY_COLUMNS.aziende);
  for (let i = 0; i < options.companies; i++) {
    serial++;
    const bad = random() < badRate ? BAD_KINDS[badRows++ % BAD_KINDS.length] : null;
    let company: Company;
    if (recent.length > 0 && (random() < shared || bad === 'conflict')) {
      company = pick(recent);
      if (bad === 'conflict') company = { ...company, ragione: `${company.ragione} BIS` };
    } else {
      const comune = pick(comuni);
      company = {
        cf: companyCodiceFiscale(serial * 7 + 1_000_003, 1 + Math.floor(random() * 99)),
        ragione: `${pick(COGNOMI).toUpperCase()} ${pick(SETTORI).toUpperCase()} ${pick(FORME)}`,
        comune,
        email: `info${serial}@azienda${serial}.it`,
      };
      if (recent.length < 5000) recent.push(company);
      else recent[Math.floor(random() * recent.length)] = company;
    }
    const referente = referents.length > 0 && random() < 0.1 ? pick(referents) : person();
    if (referents.length < 2000) referents.push(referente);
    else referents[Math.floor(random() * referents.length)] = referente;
    const username =
      bad === 'duplicate' && usernames.length > 0
        ? pick(usernames)
        : `az${serial.toString(36)}${fold(referente.cognome).slice(0, 4)}`;
    if (!bad) {
      if (usernames.length < 2000) usernames.push(username);
      else usernames[Math.floor(random() * usernames.length)] = username;
    }
    const sede = random() < 0.5 ? company.comune : pick(comuni);
    const [hash, scheme] = credentials(username);
    let fields = [
      username,
      hash,
      scheme,
      registered(),
      company.cf,
      company.ragione,
      company.email,
      random() < 0.6 ? `${company.cf}@pec.it` : '',
      random() < 0.5 ? sede.codiceBelfiore : sede.nome,
      sede.provincia,
      address(),
      pick(sede.cap),
      pick(ACCREDITAMENTI),
      referente.cf,
      referente.cognome,
      referente.nome,
      referente.dataNascita,
      referente.luogo,
      referente.email,
    ];
    if (bad && bad !== 'duplicate' && bad !== 'conflict') fields = spoil(fields, bad, 4, 8);
    await write(aziende, joinLine(fields));
  }
  await close(aziende);

  const enti = ENTI.filter((e) => isValidPartitaIva(e.cf));
  const operatori = open('operatori.csv', LEGACY_COLUMNS.operatori);
  for (let i = 0; i < (options.staff ?? 0); i++) {
    serial++;
    const ente = pick(enti);
    const provincia = pick(ente.province);
    const sedi = places.searchComuni(provincia, '', 3);
    const sede = pick(sedi);
    const p = person();
    const username = `op${serial.toString(36)}${fold(p.cognome).slice(0, 4)}`;
    const [hash, scheme] = credentials(username);
    await write(
      operatori,
      joinLine([
        username,
        hash,
        scheme,
        registered(),
        ente.cf,
        ente.nome,
        ente.tipo,
        `Centro per l'impiego di ${sede.nome}`,
        sede.codiceBelfiore,
        sede.provincia,
        `Via del Lavoro ${1 + (serial % 50)}`,
        sede.cap[0] ?? '',
        p.cf,
        p.cognome,
        p.nome,
        p.dataNascita,
        p.luogo,
        p.email,
      ]),
    );
  }
  await close(operatori);

  const raa = open('raa.csv', LEGACY_COLUMNS.raa);
  for (let i = 0; i < (options.raa ?? 0); i++) {
    serial++;
    const p = person();
    const username = `raa${serial.toString(36)}${fold(p.cognome).slice(0, 4)}`;
    const [hash, scheme] = credentials(username);
    await write(
      raa,
      joinLine([
        username,
        hash,
        scheme,
        registered(),
        p.cf,
        p.cognome,
        p.nome,
        p.dataNascita,
        p.luogo,
        p.email,
        `${fold(p.cognome)}${serial}@pec.avvocati.it`,
        random() < 0.8 ? 'Avvocato' : 'Ente autorizzato',
      ]),
    );
  }
  await close(raa);
  return { files, rows: options.companies + (options.staff ?? 0) + (options.raa ?? 0), badRows, passwords };
}

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
}
