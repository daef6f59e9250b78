// From SPID attributes to the citizen's anagrafica: pure parsing, no I/O.
import { isValidPec, normalizePec } from '@profila/italian';

export interface IdpAnagrafica {
  nome?: string;
  cognome?: string;
  email?: string;
  sesso?: 'M' | 'F';
  dataNascita?: string;
  luogoNascita?: string;
  provinciaNascita?: string;
  documentoTipo?: string;
  documentoNumero?: string;
  documentoRilasciatoDa?: string;
  documentoDataRilascio?: string;
  documentoDataScadenza?: string;
  domicilioIndirizzo?: string;
  domicilioComune?: string;
  domicilioProvincia?: string;
  domicilioCap?: string;
  cellulare?: string;
  spidCode?: string;
  pec?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const DOCUMENT_TYPES: Record<string, string> = {
  cartaidentità: "Carta d'identità",
  cartaidentita: "Carta d'identità",
  cartaidentitàelettronica: "Carta d'identità elettronica",
  passaporto: 'Passaporto',
  patenteguida: 'Patente di guida',
  patentenautica: 'Patente nautica',
  librettopensione: 'Libretto pensione',
  patentinoimpianititermici: 'Patentino impianti termici',
  portoarmi: "Porto d'armi",
  tesserinoriconoscimento: 'Tessera di riconoscimento',
};

/** `ComuneRoma` → `Comune di Roma`; `MinisteroAffariEsteri` → `Ministero Affari Esteri`. */
function readableIssuer(value: string): string {
  const comune = /^Comune(?:di)?(.+)$/.exec(value);
  if (comune) return `Comune di ${comune[1].replace(/([a-zà-ù])([A-Z])/g, '$1 $2')}`;
  return value.replace(/([a-zà-ù])([A-Z])/g, '$1 $2');
}

/**
 * SPID `idCard`: "<tipo> <numero> <ente emittente> <data rilascio> <data scadenza>", e.g.
 * `CartaIdentità AA0000000 ComuneRoma 2013-01-01 2023-01-01`.
 */
export function parseIdCard(
  value: string | undefined,
): Pick<
  IdpAnagrafica,
  'documentoTipo' | 'documentoNumero' | 'documentoRilasciatoDa' | 'documentoDataRilascio' | 'documentoDataScadenza'
> {
  const tokens = value?.trim().split(/\s+/) ?? [];
  if (tokens.length < 2) return {};
  const out: ReturnType<typeof parseIdCard> = {
    documentoTipo: DOCUMENT_TYPES[tokens[0].toLowerCase()] ?? tokens[0],
    documentoNumero: tokens[1],
  };
  const rest = tokens.slice(2);
  if (rest.length > 0 && DATE.test(rest[rest.length - 1])) out.documentoDataScadenza = rest.pop();
  if (rest.length > 0 && DATE.test(rest[rest.length - 1])) out.documentoDataRilascio = rest.pop();
  if (rest.length > 0) out.documentoRilasciatoDa = readableIssuer(rest.join(' '));
  return out;
}

/** SPID `address`: "<indirizzo> <CAP> <comune> <sigla provincia>", e.g. `Via del Corso 12 00186 Roma RM`. */
export function parseAddress(
  value: string | undefined,
): Pick<IdpAnagrafica, 'domicilioIndirizzo' | 'domicilioComune' | 'domicilioProvincia' | 'domicilioCap'> {
  const text = value?.trim();
  if (!text) return {};
  const match = /^(.*?)\s+(\d{5})\s+(.+?)\s+([A-Za-z]{2})$/.exec(text);
  if (!match) return { domicilioIndirizzo: text };
  return {
    domicilioIndirizzo: match[1],
    domicilioCap: match[2],
    domicilioComune: match[3],
    domicilioProvincia: match[4].toUpperCase(),
  };
}

/** Everything the IdP told us about the citizen, in Profila's terms. Only released attributes are set. */
export function anagraficaFromSpid(raw: Record<string, string | string[]>): IdpAnagrafica {
  const get = (name: string): string | undefined => {
    const v = raw[name];
    const s = (Array.isArray(v) ? v[0] : v)?.trim();
    return s ? s : undefined;
  };
  const gender = get('gender')?.toUpperCase();
  const dateOfBirth = get('dateOfBirth');
  const out: IdpAnagrafica = {
    nome: get('name'),
    cognome: get('familyName'),
    email: get('email'),
    sesso: gender === 'M' || gender === 'F' ? gender : undefined,
    dataNascita: dateOfBirth && DATE.test(dateOfBirth) ? dateOfBirth : undefined,
    luogoNascita: get('placeOfBirth'),
    provinciaNascita: get('countyOfBirth'),
    cellulare: get('mobilePhone'),
    spidCode: get('spidCode'),
    pec: pecOf(get('digitalAddress')),
    ...parseIdCard(get('idCard')),
    ...parseAddress(get('address')),
  };
  const expiration = get('expirationDate');
  if (!out.documentoDataScadenza && expiration && DATE.test(expiration)) out.documentoDataScadenza = expiration;
  const domicile = {
    domicilioIndirizzo: get('domicileStreetAddress'),
    domicilioCap: get('domicilePostalCode'),
    domicilioComune: get('domicileMunicipality'),
    domicilioProvincia: get('domicileProvince'),
  };
  for (const [key, value] of Object.entries(domicile)) if (value) out[key as keyof typeof domicile] = value;
  for (const key of Object.keys(out) as Array<keyof IdpAnagrafica>) if (out[key] === undefined) delete out[key];
  return out;
}

/** The IdP's domicilio digitale, only when it is an address a PEC provider issues (no markup reaches the anagrafica). */
function pecOf(value: string | undefined): string | undefined {
  return value && isValidPec(value) ? normalizePec(value) : undefined;
}

/** Only same-origin relative paths: `/area-riservata` yes, `//evil.example`, `https://…`, `/\evil` no. */
export function safeReturnTo(value: string | undefined, fallback = '/area-riservata'): string {
  if (!value || value.length > 500) return fallback;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must not pass
  if (/[\u0000-\u001f\\]/.test(value)) return fallback;
  return value;
}
