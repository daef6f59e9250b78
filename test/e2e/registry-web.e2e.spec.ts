// "Gestione profili" as citizens live it, in Chromium through the gateway with the dev IdP, against the whole
// embedded platform (one boot for every scenario): register an Italian company (a wrong check digit refused first,
// with its message under the field), the same codice fiscale refused, Associa profilo with declarations signed by the
// development CA of the installation (someone else's signature and a modified PDF refused, then PAdES; CAdES for a
// second company), "Azienda già assegnata" for a second citizen, the rappresentante legale gate, a unit, a
// collaborator scoped to it, and the revocation; a legacy referent imported (by the migration CLI's code) for an
// organisation the citizen administers, promoted from "Utenti importati dal sistema precedente" into the organigram.
// Needs the built back end and UI: `node scripts/build.mjs && npm run build:ui`.
import { randomInt } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { devSign, type EmbeddedPlatform, type TestCitizen, testCitizen } from '@profila/embedded';
import {
  appendPageText,
  collectPageErrors,
  launchBrowser,
  loginToPortal,
  SEEN_WITHIN_MS,
  startPlatformWithDevIdp,
  until,
  visible,
  withPage,
} from '@profila/testing';
import type { Browser, Page } from 'playwright-core';
import { joinLine, LEGACY_COLUMNS } from '../../apps/migration/src/format/legacy-format.js';
import { legacyHash } from '../../apps/migration/src/sample/sample-generator.js';
import { importLegacyExport } from '../support/legacy-import.js';

let platform: EmbeddedPlatform;
let browser: Browser;
let baseUrl: string;

const mario = testCitizen('mario-rossi');
const giulia = testCitizen('giulia-bianchi');
const sara = testCitizen('sara-conti');
const francesca = testCitizen('francesca-romano');

/** A valid 11-digit codice fiscale (partita IVA check digit), random so that reruns never collide. */
function companyCf(): string {
  const base = `0${String(randomInt(100_000_000, 999_999_999))}`;
  let sum = 0;
  for (let k = 0; k < 10; k++) {
    const d = Number(base[k]);
    sum += k % 2 === 0 ? d : d * 2 > 9 ? d * 2 - 9 : d * 2;
  }
  return base + String((10 - (sum % 10)) % 10);
}

/** The same number with a wrong check digit. */
function withWrongCheckDigit(cf: string): string {
  return cf.slice(0, 10) + String((Number(cf[10]) + 1) % 10);
}

const FIRST = { cf: companyCf(), name: 'OFFICINE PROVA ROVERETO SRL' };
const SECOND = { cf: companyCf(), name: 'LOGISTICA PROVA TRENTO SPA' };

beforeAll(async () => {
  // The platform's own development CA (generated in its data directory) is what document-store trusts.
  ({ platform, baseUrl } = await startPlatformWithDevIdp());
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
}, 60_000);

/** A fresh browser logged in as `who` through the dev IdP; fails if our pages threw or logged an error. */
async function as(who: TestCitizen, fn: (page: Page) => Promise<void>): Promise<void> {
  await withPage(
    baseUrl,
    async (page) => {
      // The refusals the scenarios provoke are logged by Chromium as failed requests.
      const errors = collectPageErrors(page, { origin: baseUrl, ignore: [/Failed to load resource/] });
      await loginToPortal(page, baseUrl, who);
      await fn(page);
      expect(errors).toEqual([]);
    },
    { browser },
  );
}

const tabs = (page: Page) => page.getByRole('navigation', { name: 'Gestione profili' });
const sections = (page: Page) => page.getByRole('navigation', { name: 'Sezioni del profilo' });

async function openTab(page: Page, name: string): Promise<void> {
  await page
    .getByRole('navigation', { name: "Menu dell'area riservata" })
    .getByRole('link', { name: 'Gestione profili' })
    .click();
  await tabs(page).getByRole('link', { name, exact: true }).click();
  await visible(page.getByRole('heading', { level: 1, name }));
}

/** Types part of a name in a type-ahead field and picks the suggestion. */
async function pick(page: Page, label: string, text: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: label }).fill(text);
  await page
    .getByRole('listbox', { name: `Suggerimenti per ${label}` })
    .getByRole('option', { name: option, exact: true })
    .click();
}

/** The message under a field (tied to it by aria-describedby), as a user reads it. */
async function messageUnder(page: Page, fieldId: string): Promise<string> {
  const text = await page.locator(`#${fieldId}-errore`).textContent({ timeout: 10_000 });
  return text?.trim() ?? '';
}

async function fillItalianCompany(page: Page, company: { cf: string; name: string }): Promise<void> {
  await page.getByLabel('Codice Fiscale *').fill(company.cf);
  await page.getByLabel('Ragione Sociale *').fill(company.name);
  await pick(page, 'Provincia Sede Legale', 'Trent', 'Trento (TN)');
  await pick(page, 'Comune Sede Legale', 'Rovere', 'Rovereto');
  await page.getByLabel('CAP', { exact: true }).fill('38068');
  await page.getByLabel('Indirizzo Sede Legale *').fill('Via del Lavoro 12');
  await page.getByLabel('Email *', { exact: true }).fill('info@prova.example.it');
}

/**
 * Ticks (or unticks) a Bootstrap Italia checkbox or radio: its label draws the box over the hidden input, so the click
 * lands on the label, as a user's does.
 */
async function setChecked(page: Page, label: string | RegExp, checked = true): Promise<void> {
  const box = page.getByLabel(label);
  const deadline = Date.now() + 15_000;
  while ((await box.isChecked()) !== checked && Date.now() < deadline) {
    await box.click({ force: true });
    // A click that lands while the form re-renders (an answer just arrived) can be lost, as a user's can: give it a
    // second to show before clicking again, never a second click on a box that did tick.
    for (let i = 0; i < 10 && (await box.isChecked()) !== checked; i++) await page.waitForTimeout(100);
  }
  expect(await box.isChecked()).toBe(checked);
}

/** Passo 1 → the PDF as the browser downloads it. */
async function downloadDeclaration(page: Page): Promise<{ file: string; bytes: Uint8Array }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Scarica PDF' }).click(),
  ]);
  const file = join(platform.dataDir, download.suggestedFilename());
  await download.saveAs(file);
  await visible(page.getByText(/Codice richiesta: ASS-/));
  const bytes = new Uint8Array(await readFile(file));
  expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
  return { file, bytes };
}

/** Passo 3 with the declaration ticked; Associa stays disabled until it is. */
async function uploadSigned(page: Page, name: string, bytes: Uint8Array): Promise<void> {
  const path = join(platform.dataDir, name);
  await writeFile(path, bytes);
  await page.getByLabel('Passo 3: Upload del file PDF firmato digitalmente (max. 3MB)').setInputFiles(path);
  const declaration = /Dichiaro che la firma digitale è stata apposta sul file PDF prodotto dal sistema/;
  await setChecked(page, declaration, false);
  expect(await page.getByRole('button', { name: 'Associa', exact: true }).isDisabled()).toBe(true);
  await setChecked(page, declaration);
  await page.getByRole('button', { name: 'Associa', exact: true }).click();
}

/** An alert saying `text` is shown. */
async function alertSays(page: Page, text: string | RegExp): Promise<void> {
  await visible(page.getByRole('alert').filter({ hasText: text }));
}

describe('citizen portal: Gestione profili', () => {
  it('registers an Italian company (wrong check digit refused under the field), refuses the same CF, associates it by a PAdES declaration after refusing a stranger’s signature and a modified PDF', async () => {
    await as(mario, async (page) => {
      await openTab(page, 'Registra azienda');
      expect(await page.getByRole('button', { name: 'SI', exact: true }).getAttribute('aria-pressed')).toBe('true');
      await fillItalianCompany(page, { ...FIRST, cf: withWrongCheckDigit(FIRST.cf) });
      await page.getByRole('button', { name: 'Salva' }).click();
      expect(await messageUnder(page, 'codice-fiscale')).toBe(
        'Codice fiscale non valido (controllare le cifre e il carattere di controllo)',
      );
      expect(await page.getByLabel('Codice Fiscale *').getAttribute('aria-invalid')).toBe('true');

      await page.getByLabel('Codice Fiscale *').fill(FIRST.cf);
      await page.getByRole('button', { name: 'Salva' }).click();
      // Saving leads straight to the association of the new record.
      await visible(page.getByRole('heading', { level: 1, name: 'Associa profilo' }));
      await visible(page.getByText(`Azienda registrata: ${FIRST.name}. Procedi con l'associazione del profilo.`));
      await visible(page.getByRole('heading', { name: `Associazione del profilo ${FIRST.name} (${FIRST.cf})` }));
      // The declarant's data come from the identity provider (filled in when identity's answer arrives).
      const nome = page.getByLabel('Nome *', { exact: true });
      await until(
        'the declarant filled in from the identity provider',
        async () => ((await nome.inputValue()) === mario.name ? true : undefined),
        SEEN_WITHIN_MS,
      ).catch(async () => expect(await nome.inputValue()).toBe(mario.name));

      // Embedded mode (the dev IdP is there): Passo 2 says how to sign without a smart card.
      await visible(page.getByText('npm run dev:sign -- <file.pdf> <codice fiscale> [--cades]'));
      const pdf = await downloadDeclaration(page);

      // Signed by someone else (Giulia's certificate from the same development CA): refused, with its reason.
      await uploadSigned(page, 'firmata-da-altri.pdf', await devSign(platform.dataDir, pdf.bytes, giulia.fiscalNumber));
      await alertSays(
        page,
        `Il documento è firmato da ${giulia.fiscalNumber}, non dal richiedente (${mario.fiscalNumber})`,
      );

      // Signed by Mario, then altered: refused too.
      const signed = await devSign(platform.dataDir, pdf.bytes, mario.fiscalNumber);
      await uploadSigned(page, 'modificata.pdf', await appendPageText(signed, 'ANNULLATO'));
      await alertSays(page, 'Il PDF è stato modificato dopo la firma: il contenuto visualizzato non è quello firmato.');

      // Mario's PAdES signature of the downloaded file: accepted.
      await uploadSigned(page, 'dichiarazione.signed.pdf', signed);
      await visible(page.getByText('Associazione effettuata correttamente.'));
      await page.getByRole('button', { name: 'Chiudi' }).click();
      await visible(page.getByRole('heading', { level: 1, name: 'Ricerca profili associati' }));
      const row = page.getByRole('row', { name: new RegExp(`${FIRST.name} \\(${FIRST.cf}\\)`) });
      await visible(row);
      expect(await row.getByRole('cell').nth(1).textContent()).toBe('Azienda italiana');

      // The same codice fiscale again: "Ricerca" fills the fields read-only and saving is refused.
      await openTab(page, 'Registra azienda');
      await page.getByLabel('Codice Fiscale *').fill(FIRST.cf);
      await page.getByRole('button', { name: 'Ricerca' }).click();
      await visible(page.getByText(/codice fiscale già presente in archivio/));
      expect(await page.getByLabel('Ragione Sociale *').inputValue()).toBe(FIRST.name);
      expect(await page.getByLabel('Ragione Sociale *').getAttribute('readonly')).not.toBeNull();
      expect(await page.getByRole('button', { name: 'Salva' }).isDisabled()).toBe(true);
      await visible(page.getByRole('link', { name: 'Associa profilo' }).last());
      // And saving it without Ricerca: the registry refuses it.
      await page.reload();
      await fillItalianCompany(page, FIRST);
      await page.getByRole('button', { name: 'Salva' }).click();
      await alertSays(page, 'codice fiscale già presente in archivio');
    });
  }, 120_000);

  it('a second citizen associates another company by a CAdES .p7m, and is told "Azienda già assegnata" for the first', async () => {
    await as(giulia, async (page) => {
      await openTab(page, 'Registra azienda');
      await fillItalianCompany(page, SECOND);
      await page.getByRole('button', { name: 'Salva' }).click();
      await visible(page.getByRole('heading', { name: `Associazione del profilo ${SECOND.name} (${SECOND.cf})` }));
      const pdf = await downloadDeclaration(page);
      await uploadSigned(
        page,
        'dichiarazione.pdf.p7m',
        await devSign(platform.dataDir, pdf.bytes, giulia.fiscalNumber, 'cades'),
      );
      await visible(page.getByText('Associazione effettuata correttamente.'));

      await openTab(page, 'Associa profilo');
      await page.getByLabel('Codice Fiscale', { exact: true }).fill(FIRST.cf);
      await page.getByRole('button', { name: 'Ricerca profili da associare' }).click();
      const results = page.getByRole('table', { name: 'Aziende italiane associabili' });
      await visible(results);
      // Only ragione sociale, CF and comune.
      expect(await results.getByRole('row').nth(1).getByRole('cell').allTextContents()).toEqual([
        FIRST.name,
        FIRST.cf,
        'Rovereto',
        'Associa',
      ]);
      await results.getByRole('button', { name: `Associa ${FIRST.name}` }).click();
      await page.getByRole('button', { name: 'Scarica PDF' }).click();
      await alertSays(page, 'Azienda già assegnata');
    });
  }, 90_000);

  it('as amministratore: the rappresentante legale gate, a unit, a collaborator scoped to it, then Revoca', async () => {
    await as(mario, async (page) => {
      await openTab(page, 'Ricerca profili associati');
      const row = page.getByRole('row', { name: new RegExp(`${FIRST.name} \\(${FIRST.cf}\\)`) });
      await row.getByRole('link', { name: 'Dettaglio' }).click();
      await visible(page.getByRole('heading', { level: 2, name: 'Dati Azienda' }));
      // Locked until the rappresentante legale is saved.
      await visible(sections(page).getByText('Unità operative (bloccata)'));
      await visible(sections(page).getByText('Utenti (bloccata)'));

      // A birth date the codice fiscale contradicts: refused under the field.
      await page.getByLabel('Codice fiscale *').fill(sara.fiscalNumber);
      await page.getByLabel('Nome *', { exact: true }).fill(sara.name);
      await page.getByLabel('Cognome *', { exact: true }).fill(sara.familyName);
      await page.getByLabel('Data di nascita *').fill('1995-05-28');
      await pick(page, 'Comune o stato di nascita', 'Trento', 'Trento (TN)');
      await page.getByRole('button', { name: 'Salva' }).click();
      expect(await messageUnder(page, 'rappresentante-data-nascita')).toMatch(/codice fiscale/i);
      await visible(sections(page).getByText('Unità operative (bloccata)'));

      await page.getByLabel('Data di nascita *').fill(sara.dateOfBirth);
      await page.getByRole('button', { name: 'Salva' }).click();
      await visible(page.getByText('Dati azienda salvati.'));
      await sections(page).getByRole('link', { name: 'Unità operative' }).click();

      await page.getByRole('button', { name: "Aggiungi un'unità operativa" }).click();
      await page.getByLabel('Descrizione unità operativa *').fill('Magazzino di Trento');
      await pick(page, 'Provincia', 'Trent', 'Trento (TN)');
      await pick(page, 'Comune', 'Trento', 'Trento');
      await page.getByLabel('CAP', { exact: true }).fill('38121');
      await page.getByLabel('Indirizzo *').fill('Via Brennero 5');
      await page.getByRole('button', { name: 'Salva' }).click();
      await visible(page.getByText('Unità operativa aggiunta.'));
      const unit = page.getByRole('row', { name: /Magazzino di Trento/ });
      await visible(unit);
      expect((await unit.getByRole('cell').allTextContents()).slice(0, 4)).toEqual([
        'Magazzino di Trento',
        'Trento',
        '38121',
        'Via Brennero 5',
      ]);

      await sections(page).getByRole('link', { name: 'Utenti' }).click();
      await page.getByRole('button', { name: 'Aggiungi un utente' }).click();
      await page.getByLabel('Codice fiscale *').fill(giulia.fiscalNumber);
      await page.getByLabel('Nome *', { exact: true }).fill(giulia.name);
      await page.getByLabel('Cognome *', { exact: true }).fill(giulia.familyName);
      await page.getByLabel('Data di nascita *').fill(giulia.dateOfBirth);
      await pick(page, 'Comune o stato di nascita', 'Milano', 'Milano (MI)');
      await setChecked(page, 'COB - Comunicazioni obbligatorie');
      await setChecked(page, 'Unità operative scelte');
      await setChecked(page, 'Magazzino di Trento');
      await page.getByRole('button', { name: 'Salva' }).click();
      await visible(page.getByText('Utente aggiunto.'));
      const member = page.getByRole('row', { name: new RegExp(giulia.fiscalNumber) });
      await visible(member);
      expect(await member.getByRole('cell').allTextContents()).toEqual([
        `${giulia.familyName} ${giulia.name}`,
        giulia.fiscalNumber,
        'Collaboratore',
        'COB',
        'Magazzino di Trento',
        expect.stringContaining('Modifica'),
      ]);

      await sections(page).getByRole('link', { name: 'Storico' }).click();
      const history = page.getByRole('table', { name: 'Storico' });
      await visible(history.getByRole('cell', { name: 'Utente aggiunto', exact: true }));
      await visible(history.getByRole('cell', { name: 'Associazione del profilo', exact: true }));

      // Revoca profilo, with confirmation: the organisation leaves "I tuoi profili".
      await openTab(page, 'Ricerca profili associati');
      await row.getByRole('button', { name: 'Revoca' }).click();
      await visible(page.getByRole('alertdialog', { name: 'Revoca profilo' }));
      await page.getByRole('button', { name: 'Conferma revoca' }).click();
      await visible(page.getByText(`Profilo revocato: ${FIRST.name}`));
      await row.waitFor({ state: 'detached' });
    });
  }, 120_000);

  it("a legacy referent imported for the amministratore's company is promoted from «Utenti importati dal sistema precedente» with the roles chosen", async () => {
    // The legacy export names Francesca as the referent of a login of Giulia's company (same CF): the migration CLI's
    // code adds the login as a unit and links her, granting nothing.
    const work = await mkdtemp(join(tmpdir(), 'profila-legacy-people-'));
    try {
      const row: Record<string, string> = {
        username: `Legacy${SECOND.cf}`,
        password_hash: legacyHash('bcrypt', 'Vecchia-Password-2019', 'f00dcafe'),
        password_scheme: 'bcrypt',
        data_registrazione: '17/11/2022',
        codice_fiscale_azienda: SECOND.cf,
        ragione_sociale: SECOND.name,
        email: 'info@logistica.example.it',
        pec: '',
        sede_comune: 'H612',
        sede_provincia: 'TN',
        sede_indirizzo: 'Via del Lavoro 12',
        sede_cap: '38068',
        tipo_accreditamento_sare: '',
        referente_codice_fiscale: francesca.fiscalNumber,
        referente_cognome: francesca.familyName,
        referente_nome: francesca.name,
        referente_data_nascita: francesca.dateOfBirth.split('-').reverse().join('/'),
        referente_comune_nascita: 'L219',
        referente_email: 'francesca.romano@logistica.example.it',
      };
      await writeFile(
        join(work, 'aziende.csv'),
        [joinLine(LEGACY_COLUMNS.aziende), joinLine(LEGACY_COLUMNS.aziende.map((c) => row[c]))].join('\n') + '\n',
      );
      const result = await importLegacyExport(platform, work);
      expect(result.totals).toMatchObject({ organizationsCreated: 0, unitsCreated: 1, accountsCreated: 1 });
    } finally {
      await rm(work, { recursive: true, force: true });
    }

    await as(giulia, async (page) => {
      await openTab(page, 'Ricerca profili associati');
      const row = page.getByRole('row', { name: new RegExp(`${SECOND.name} \\(${SECOND.cf}\\)`) });
      await row.getByRole('link', { name: 'Dettaglio' }).click();
      await visible(page.getByRole('heading', { level: 2, name: 'Dati Azienda' }));
      await page.getByLabel('Codice fiscale *').fill(giulia.fiscalNumber);
      await page.getByLabel('Nome *', { exact: true }).fill(giulia.name);
      await page.getByLabel('Cognome *', { exact: true }).fill(giulia.familyName);
      await page.getByLabel('Data di nascita *').fill(giulia.dateOfBirth);
      await pick(page, 'Comune o stato di nascita', 'Milano', 'Milano (MI)');
      await page.getByRole('button', { name: 'Salva' }).click();
      await visible(page.getByText('Dati azienda salvati.'));
      await sections(page).getByRole('link', { name: 'Utenti' }).click();

      const importedTable = page.getByRole('table', { name: 'Utenti importati dal sistema precedente' });
      const importedRow = importedTable.getByRole('row', { name: new RegExp(francesca.fiscalNumber) });
      await visible(importedRow);
      expect((await importedRow.getByRole('cell').allTextContents()).slice(0, 5)).toEqual([
        `${francesca.familyName} ${francesca.name}`,
        francesca.fiscalNumber,
        'francesca.romano@logistica.example.it',
        "Referente dell'azienda",
        'Intera organizzazione',
      ]);
      // Not in the organigram yet: only Giulia, the amministratore.
      const organigram = page.getByRole('table', { name: 'Utenti', exact: true });
      expect(await organigram.getByRole('row', { name: new RegExp(francesca.fiscalNumber) }).count()).toBe(0);

      await importedRow.getByRole('button', { name: `Aggiungi all'organigramma ${francesca.fiscalNumber}` }).click();
      // The add form, pre-filled from the legacy person; the roles are the amministratore's choice.
      expect(await page.getByLabel('Codice fiscale *').inputValue()).toBe(francesca.fiscalNumber);
      expect(await page.getByLabel('Nome *', { exact: true }).inputValue()).toBe(francesca.name);
      expect(await page.getByLabel('Cognome *', { exact: true }).inputValue()).toBe(francesca.familyName);
      expect(await page.getByLabel('Data di nascita *').inputValue()).toBe(francesca.dateOfBirth);
      expect(await page.getByRole('combobox', { name: 'Comune o stato di nascita' }).inputValue()).toBe('Torino (TO)');
      expect(await page.getByLabel('Intera organizzazione').isChecked()).toBe(true);
      expect(await page.getByLabel('COB - Comunicazioni obbligatorie').isChecked()).toBe(false);
      // Saving without a role: refused under the field, nothing granted.
      await page.getByRole('button', { name: 'Salva' }).click();
      expect(await messageUnder(page, 'utente-ruoli')).toBe('Selezionare almeno un ruolo');
      await setChecked(page, 'COB - Comunicazioni obbligatorie');
      await setChecked(page, /^SARE$/);
      await page.getByRole('button', { name: 'Salva' }).click();
      await visible(page.getByText('Utente aggiunto.'));

      const member = organigram.getByRole('row', { name: new RegExp(francesca.fiscalNumber) });
      await visible(member);
      expect((await member.getByRole('cell').allTextContents()).slice(0, 5)).toEqual([
        `${francesca.familyName} ${francesca.name}`,
        francesca.fiscalNumber,
        'Collaboratore',
        'COB, SARE',
        'Intera organizzazione',
      ]);
      await importedRow.waitFor({ state: 'detached', timeout: 20_000 });
      await visible(importedTable.getByText("Nessun utente importato da aggiungere all'organigramma."));
    });
  }, 180_000);
});
