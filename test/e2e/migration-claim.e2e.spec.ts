// "Accedi all'utenza aziendale" in Chromium against the whole platform: a small legacy export is imported through
// the real migration CLI code path into the running platform's registry database, then a citizen logged in with SPID
// (dev IdP) claims one of the legacy company logins. An unknown username and a wrong password get the same answer;
// the right password opens the Amministratore nomination pre-filled with the company and its legacy referent. A lawyer
// claims their own legacy RAA login ("Accedi all'utenza RAA"): another person's login is refused even with its
// password, and the right one opens the RAA registration pre-filled with what the old registration declared.
// Needs the built back end and UI: `node scripts/build.mjs && npm run build:ui`.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page, Response } from 'playwright-core';
import { type EmbeddedPlatform, type TestCitizen, testCitizens } from '@profila/embedded';
import { generateCodiceFiscale } from '@profila/italian';
import { collectPageErrors, launchBrowser, loginToPortal, startTestPlatform } from '@profila/testing';
import { joinLine, LEGACY_COLUMNS } from '../../apps/migration/src/format/legacy-format.js';
import { legacyHash } from '../../apps/migration/src/sample/sample-generator.js';
import { importLegacyExport } from '../support/legacy-import.js';

let platform: EmbeddedPlatform;
let browser: Browser;
let baseUrl: string;
let work: string;

const MARIO = testCitizens().find((c) => c.id === 'mario-rossi')!;
const ALESSANDRO = testCitizens().find((c) => c.id === 'alessandro-ferrari')!; // the lawyer
const ELENA = testCitizens().find((c) => c.id === 'elena-marino')!;
const ALESSANDRO_PEC = 'alessandro.ferrari@pec.avvocati.it';
const REFERENTE = {
  cognome: 'Venturi',
  nome: 'Lorenzo',
  codiceFiscale: generateCodiceFiscale({
    cognome: 'Venturi',
    nome: 'Lorenzo',
    dataNascita: '1988-02-26',
    sesso: 'M',
    codiceCatastale: 'I921',
  }),
};
const PASSWORD = 'Vecchia-Password-2019';
const INVALID = 'Username o password non corretti';

const visible = (locator: Locator) => locator.waitFor({ state: 'visible', timeout: 20_000 });

function legacyRow(username: string, scheme: 'bcrypt' | 'sha1-salted', sede: string): string {
  const row: Record<string, string> = {
    username,
    password_hash: legacyHash(scheme, PASSWORD, 'f00dcafe'),
    password_scheme: scheme,
    data_registrazione: '17/11/2022',
    codice_fiscale_azienda: '00097020598',
    ragione_sociale: 'AZIENDA PROVA 1 SRL',
    email: 'info@aziendaprova1.it',
    pec: 'aziendaprova1@pec.it',
    sede_comune: 'L378',
    sede_provincia: 'TN',
    sede_indirizzo: sede,
    sede_cap: '38121',
    tipo_accreditamento_sare: 'Datore di lavoro privato',
    referente_codice_fiscale: REFERENTE.codiceFiscale,
    referente_cognome: REFERENTE.cognome,
    referente_nome: REFERENTE.nome,
    referente_data_nascita: '26/02/1988',
    referente_comune_nascita: 'I921',
    referente_email: 'lorenzo.venturi@aziendaprova1.it',
  };
  return joinLine(LEGACY_COLUMNS.aziende.map((c) => row[c]));
}

async function loggedIn(who: TestCitizen): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'it-IT' });
  const page = await context.newPage();
  const errors = collectPageErrors(page, { origin: baseUrl, ignore: [/status of 40[13]/] });
  await loginToPortal(page, baseUrl, who);
  return { page, errors };
}

/** An RAA user's legacy login (bcrypt), for a test citizen. */
function raaRow(username: string, who: TestCitizen, pec: string): string {
  const [anno, mese, giorno] = who.dateOfBirth.split('-');
  const row: Record<string, string> = {
    username,
    password_hash: legacyHash('bcrypt', PASSWORD, 'f00dcafe'),
    password_scheme: 'bcrypt',
    data_registrazione: '03/05/2018',
    codice_fiscale: who.fiscalNumber,
    cognome: who.familyName,
    nome: who.name,
    data_nascita: `${giorno}/${mese}/${anno}`,
    comune_nascita: who.codiceCatastale,
    email: who.email,
    pec,
    professione: 'Avvocato',
  };
  return joinLine(LEGACY_COLUMNS.raa.map((c) => row[c]));
}

beforeAll(async () => {
  platform = await startTestPlatform({ devIdp: true });
  baseUrl = platform.gatewayUrl.replace('127.0.0.1', 'localhost');
  browser = await launchBrowser();

  // The legacy export: two logins of the same company (one bcrypt, one sha1-salted), imported by the CLI's code.
  work = await mkdtemp(join(tmpdir(), 'profila-claim-'));
  await writeFile(
    join(work, 'aziende.csv'),
    [
      joinLine(LEGACY_COLUMNS.aziende),
      legacyRow('TestaziendaSPID', 'bcrypt', 'Via del Lavoro 1'),
      legacyRow('TestOperatoreCO1', 'sha1-salted', 'Via del Lavoro 2'),
    ].join('\n') + '\n',
  );
  await writeFile(
    join(work, 'raa.csv'),
    [
      joinLine(LEGACY_COLUMNS.raa),
      raaRow('avv.ferrari', ALESSANDRO, ALESSANDRO_PEC),
      raaRow('avv.marino', ELENA, 'elena.marino@pec.avvocati.it'),
    ].join('\n') + '\n',
  );
  const result = await importLegacyExport(platform, work);
  expect(result.totals).toMatchObject({ organizationsCreated: 1, unitsCreated: 2, accountsCreated: 4 });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
  if (work) await rm(work, { recursive: true, force: true });
}, 60_000);

it('a citizen claims a legacy company login: same answer for unknown username and wrong password, then the nomination opens pre-filled', async () => {
  const { page, errors } = await loggedIn(MARIO);
  await page.getByRole('link', { name: "Accedi all'utenza aziendale" }).first().click();
  await visible(page.getByRole('heading', { level: 1, name: "Accedi all'utenza aziendale" }));

  const attempt = async (username: string, password: string): Promise<Response> => {
    await page.getByLabel('Username *', { exact: true }).fill(username);
    await page.getByLabel('Password *', { exact: true }).fill(password);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/registry/legacy-accounts/claim'), { timeout: 20_000 }),
      page.getByRole('button', { name: "Collega l'utenza" }).click(),
    ]);
    return response;
  };
  const answer = async (r: Response) => {
    const body = (await r.json()) as { code: string; message: string };
    return { status: r.status(), code: body.code, message: body.message };
  };

  const unknown = await answer(await attempt('nessuno.sconosciuto', PASSWORD));
  await visible(page.getByRole('alert').getByText(INVALID));
  const wrong = await answer(await attempt('TestaziendaSPID', 'password-sbagliata'));
  await visible(page.getByRole('alert').getByText(INVALID));
  expect(unknown).toEqual({ status: 401, code: 'LEGACY_CREDENTIALS_INVALID', message: INVALID });
  expect(wrong).toEqual(unknown);

  const ok = await attempt('testaziendaspid', PASSWORD);
  expect(ok.status()).toBe(200);
  await page.waitForURL(`${baseUrl}/area-riservata/amministratore`, { timeout: 20_000 });
  await visible(page.getByRole('heading', { level: 1, name: 'Gestione dati amministratore' }));
  await visible(page.getByText('AZIENDA PROVA 1 SRL — Codice Fiscale 00097020598'));
  await expectValue(page.getByLabel('Nome *', { exact: true }), REFERENTE.nome);
  await expectValue(page.getByLabel('Cognome *', { exact: true }), REFERENTE.cognome);
  await expectValue(page.getByLabel('Codice Fiscale *', { exact: true }), REFERENTE.codiceFiscale);
  expect(errors).toEqual([]);
}, 120_000);

it("a lawyer claims their own legacy RAA login: another person's is refused, then the RAA registration opens pre-filled", async () => {
  const { page, errors } = await loggedIn(ALESSANDRO);
  await page
    .getByRole('navigation', { name: "Menu dell'area riservata" })
    .getByRole('link', { name: 'Registrazione accesso agli atti' })
    .click();
  await page.getByRole('link', { name: "Accedi all'utenza RAA" }).click();
  await visible(page.getByRole('heading', { level: 1, name: "Accedi all'utenza RAA" }));

  const attempt = async (username: string, password: string): Promise<Response> => {
    await page.getByLabel('Username *', { exact: true }).fill(username);
    await page.getByLabel('Password *', { exact: true }).fill(password);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/registry/legacy-accounts/raa/claim'), { timeout: 20_000 }),
      page.getByRole('button', { name: 'Recupera i dati' }).click(),
    ]);
    return response;
  };

  // Elena Marino's login, with its right password: not his.
  expect((await attempt('avv.marino', PASSWORD)).status()).toBe(403);
  await visible(page.getByRole('alert').getByText(/Questa utenza RAA è intestata a un'altra persona/));
  expect((await attempt('avv.ferrari', 'password-sbagliata')).status()).toBe(401);
  await visible(page.getByRole('alert').getByText(INVALID));

  expect((await attempt('AVV.Ferrari', PASSWORD)).status()).toBe(200);
  await page.waitForURL(`${baseUrl}/area-riservata/registrazione-raa`, { timeout: 20_000 });
  await visible(page.getByTestId('raa-claimed').getByText(/«avv\.ferrari»/));
  await expectValue(page.getByLabel('Codice Fiscale *', { exact: true }), ALESSANDRO.fiscalNumber);
  await expectValue(page.getByLabel('Data di Nascita *', { exact: true }), ALESSANDRO.dateOfBirth);
  await expectValue(page.getByLabel('Comune di Nascita o Stato Estero *', { exact: true }), ALESSANDRO.codiceCatastale);
  await expectValue(page.getByLabel('PEC *', { exact: true }), ALESSANDRO_PEC);
  await expectValue(page.getByLabel('Professione/Ruolo', { exact: true }), 'Avvocato');
  // What the old registration did not hold (the residence) is his to add; the pre-filled data are accepted as saved.
  await page.getByLabel('Indirizzo di Residenza *', { exact: true }).fill('Via Indipendenza 12');
  await page.getByLabel('Comune di Residenza *', { exact: true }).fill('A944');
  await page.getByLabel('Provincia di Residenza *', { exact: true }).fill('BO');
  await page.getByRole('button', { name: 'Salva' }).click();
  await visible(page.getByTestId('request-state').getByText('Bozza'));
  expect(errors).toEqual([]);
}, 120_000);

/** The input's value once the page has filled it (waits, as CI machines are slower). */
async function expectValue(locator: Locator, value: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  let current = await locator.inputValue();
  while (current !== value && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    current = await locator.inputValue();
  }
  expect(current).toBe(value);
}
