// The richiesta di accesso agli atti as its users live it, in Chromium against the whole platform (gateway,
// identity, registry, admin-verification, document-store, raa, notification, dev IdP, mail catcher): a lawyer whose
// RAA registration an operator approved (admin-verification, through its API) writes a draft with two workers (one
// unknown to the employment records) and an attachment, saves it, reopens it, sends it ("Invia e protocolla"); a
// change is then refused; the officer of another Provincia does not see it; the officer of Como answers it from the
// employment records (the embedded sample data); the lawyer reads the answer and prints it; the mails are those of the
// manual. A citizen without the RAA profile is told how to get it and refused by the API.
// Needs the built back end and UI: `node scripts/build.mjs && npm run build:ui`.
import { type EmbeddedPlatform, type TestCitizen, testCitizens } from '@profila/embedded';
import {
  citizenApi,
  collectPageErrors,
  createStructure,
  launchBrowser,
  loginToBackoffice,
  loginToPortal,
  screenshot,
  startTestPlatform,
  until,
  visible,
  withPage,
} from '@profila/testing';
import type { Browser, Page } from 'playwright-core';

let platform: EmbeddedPlatform;
let browser: Browser;
let baseUrl: string;

interface CaughtMail {
  to: string[];
  subject: string;
  text: string;
}

function citizen(id: string): TestCitizen {
  const found = testCitizens().find((c) => c.id === id);
  if (!found) throw new Error(`test citizen ${id} missing from the dev IdP's list`);
  return found;
}

const ALESSANDRO = citizen('alessandro-ferrari'); // the lawyer (RAA profile)
const FRANCESCA = citizen('francesca-romano'); // officer of the CPI di Como
const GIULIA = citizen('giulia-bianchi'); // officer of the CPI di Milano
const MARIO = citizen('mario-rossi'); // no RAA profile
const KNOWN_WORKER = 'RSSMRA80A01H501U'; // in the sample employment records: AZIENDA PROVA 1 SRL since 16/09/2019
const UNKNOWN_WORKER = 'CNTSRA95E67L378E'; // not in the records
const RAA_EMAIL = 'alessandro.ferrari@studio.example.org';
const RAA_PEC = 'alessandro.ferrari@pec.example.org';

let citizens: ReturnType<typeof citizenApi> | undefined; // one dev-IdP session per citizen, for the whole file
const asApi = (who: TestCitizen, method: string, path: string, body?: unknown) =>
  (citizens ??= citizenApi(platform))(who, method, path, body);

/** A Provincia / Regione with one CPI serving a province, and its operator. */
async function structure(cf: string, ragioneSociale: string, provincia: string, comune: string, who: TestCitizen) {
  await createStructure(platform, {
    codiceFiscale: cf,
    ragioneSociale,
    provincia,
    comune,
    unit: `CPI ${provincia}`,
    indirizzo: 'Via Borgovico 148',
    operator: who,
  });
}

async function mails(): Promise<CaughtMail[]> {
  const res = await fetch(`http://127.0.0.1:${platform.ports.mailHttp}/api/messages`);
  return (await res.json()) as CaughtMail[];
}
const mailsTo = async (to: string, subject: RegExp) =>
  (await mails()).filter((m) => m.to.includes(to) && subject.test(m.subject));

/** The portal, logged in as `who` through "Entra con SPID" and the dev IdP. */
async function asCitizen(who: TestCitizen, fn: (page: Page) => Promise<void>, ignore: RegExp[] = []): Promise<void> {
  await withPage(
    baseUrl,
    async (page) => {
      const errors = collectPageErrors(page, { origin: baseUrl, ignore });
      await loginToPortal(page, baseUrl, who);
      await page
        .getByRole('navigation', { name: "Menu dell'area riservata" })
        .getByRole('link', { name: 'Richieste di accesso agli atti' })
        .click();
      await visible(page.getByRole('heading', { level: 1, name: 'Richieste di accesso agli atti' }));
      await fn(page);
      expect(errors).toEqual([]);
    },
    { browser },
  );
}

/** The back office, logged in as `who`, on "Richieste RAA". */
async function asOfficer(who: TestCitizen, fn: (page: Page) => Promise<void>, ignore: RegExp[] = []): Promise<void> {
  await withPage(
    baseUrl,
    async (page) => {
      const errors = collectPageErrors(page, { origin: baseUrl, ignore });
      await loginToBackoffice(page, baseUrl, who);
      await page
        .getByRole('navigation', { name: 'Sezioni del back office' })
        .getByRole('link', { name: 'Richieste RAA' })
        .click();
      await visible(page.getByRole('heading', { level: 1, name: 'Richieste RAA' }));
      await page.getByText('Caricamento delle richieste…').waitFor({ state: 'detached', timeout: 15_000 });
      await fn(page);
      expect(errors).toEqual([]);
    },
    { browser },
  );
}

// ---------------------------------------------------------------------------------------------------------------

let requestId: string;
let protocollo: string;

beforeAll(async () => {
  platform = await startTestPlatform({ devIdp: true });
  baseUrl = platform.gatewayUrl.replace('127.0.0.1', 'localhost');
  await until('the dev IdP in the SPID list', async () => {
    const res = await fetch(`${platform.gatewayUrl}/api/identity/idps?kind=spid`);
    const idps = (await res.json()) as Array<{ name: string }>;
    return idps.some((idp) => /Dev IdP/.test(idp.name)) ? true : undefined;
  });
  browser = await launchBrowser();
  await structure('00337460224', 'Provincia di Como', 'CO', 'C933', FRANCESCA);
  await structure('80050050154', 'Regione Lombardia', 'MI', 'F205', GIULIA);
  // The officers have logged in once: notification knows their address (the welcome mail proves it).
  for (const officer of [FRANCESCA, GIULIA]) {
    await asApi(officer, 'GET', '/api/raa/officer/requests');
    await until(`${officer.id}'s contact`, async () =>
      (await mailsTo(officer.email, /Benvenuto/)).length > 0 ? true : undefined,
    );
  }

  // The RAA registration (Como manual, part 1), approved by the officer of Como through admin-verification's API.
  const draft = await asApi(ALESSANDRO, 'POST', '/api/admin-verification/requests/raa', {
    nome: ALESSANDRO.name,
    cognome: ALESSANDRO.familyName,
    codiceFiscale: ALESSANDRO.fiscalNumber,
    dataNascita: ALESSANDRO.dateOfBirth,
    luogoNascita: ALESSANDRO.codiceCatastale,
    indirizzoResidenza: 'Via Volta 10',
    comuneResidenza: 'C933',
    provinciaResidenza: 'CO',
    email: RAA_EMAIL,
    pec: RAA_PEC,
    professione: 'Avvocato',
  });
  expect(draft.status).toBe(201);
  expect((await asApi(ALESSANDRO, 'POST', `/api/admin-verification/requests/${draft.json.id}/submit`)).status).toBe(
    200,
  );
  const pecMail = await until('the PEC confirmation mail', async () => (await mailsTo(RAA_PEC, /PEC/))[0]);
  // The mailed link opens the portal's /conferma-pec/<token> page, which confirms with a POST (a prefetch confirms
  // nothing): the same POST here, the browser flow is admin-verification-web's.
  const token = /\/conferma-pec\/([A-Za-z0-9_-]{43})/.exec(pecMail.text)![1];
  const confirmed = await fetch(`${platform.gatewayUrl}/api/admin-verification/pec-confirmations/${token}`, {
    method: 'POST',
  });
  expect(confirmed.status).toBe(200);
  for (const step of ['take', 'approve']) {
    const res = await asApi(FRANCESCA, 'POST', `/api/admin-verification/operator/requests/${draft.json.id}/${step}`);
    expect({ step, status: res.status }).toEqual({ step, status: 200 });
  }
  await until('the RAA profile in raa', async () =>
    (await asApi(ALESSANDRO, 'GET', '/api/raa/me/profile')).json?.enabled ? true : undefined,
  );
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
}, 60_000);

describe('richiesta di accesso agli atti', () => {
  it('a citizen without the RAA profile is told how to get it, and the API refuses', async () => {
    await asCitizen(MARIO, async (page) => {
      await visible(page.getByTestId('raa-no-profile').getByText('Profilo RAA non abilitato'));
      await visible(page.getByText(/Registrazione avvocati ed enti autorizzati per accesso agli atti/));
      expect(await page.getByRole('link', { name: 'Nuova richiesta' }).count()).toBe(0);
    });
    const refused = await asApi(MARIO, 'POST', '/api/raa/requests', { provincia: 'CO', motivazione: 'prova' });
    expect({ status: refused.status, code: refused.json.code }).toEqual({ status: 403, code: 'RAA_PROFILE_REQUIRED' });
  });

  it('the lawyer writes a draft with two workers (one unknown) and an attachment, saves it and reopens it', async () => {
    await asCitizen(
      ALESSANDRO,
      async (page) => {
        await page.getByRole('link', { name: 'Nuova richiesta' }).click();
        await visible(page.getByRole('heading', { level: 1, name: 'Richiesta accesso agli atti' }));
        await visible(page.getByText('Richiesta di accesso agli atti da parte di ALESSANDRO FERRARI'));
        await visible(page.getByTestId('raa-state').getByText('BOZZA'));
        expect(await page.getByLabel('Provincia *', { exact: true }).inputValue()).toBe('CO');
        // Motivazione is required: the service's message under the field, nothing stored.
        await page.getByRole('button', { name: 'Salva in bozza' }).click();
        await visible(page.locator('#motivazione-errore').getByText('Indicare la motivazione della richiesta'));
        await page.getByLabel('Ragione sociale richiedente', { exact: true }).fill('Studio Legale Ferrari');
        await page.getByLabel('Tipologia richiesta', { exact: true }).selectOption('Studio legale');
        await page.getByLabel('Ragione sociale mandante', { exact: true }).fill('Banca Esempio SPA');
        await page.getByLabel('Motivazione *', { exact: true }).fill('Pignoramento presso terzi');
        await page.getByRole('button', { name: 'Salva in bozza' }).click();
        await visible(page.getByTestId('raa-notice').getByText('Richiesta salvata in bozza.'));
        await page.waitForURL(/\/area-riservata\/accesso-atti\/[0-9a-f-]{36}$/);
        requestId = page.url().split('/').at(-1)!;

        // A wrong check character is refused; the known and the unknown worker are listed.
        const cf = page.getByLabel('Codice fiscale lavoratore', { exact: true });
        await cf.fill('RSSMRA80A01H501X');
        await page.getByRole('button', { name: 'Aggiungi' }).click();
        await visible(page.locator('#codiceFiscale-errore').getByText('Codice fiscale del lavoratore non valido'));
        await cf.fill(KNOWN_WORKER);
        await page.getByLabel('Descrizione lavoratore', { exact: true }).fill('Debitore');
        await page.getByRole('button', { name: 'Aggiungi' }).click();
        const workers = page.getByTestId('raa-workers');
        await visible(workers.locator(`tr[data-worker="${KNOWN_WORKER}"]`));
        await cf.fill(UNKNOWN_WORKER);
        await page.getByRole('button', { name: 'Aggiungi' }).click();
        const unknown = workers.locator(`tr[data-worker="${UNKNOWN_WORKER}"]`);
        await visible(unknown.getByText('nessuna informazione presente per il lavoratore'));
        expect(
          await workers.locator(`tr[data-worker="${KNOWN_WORKER}"]`).getByText('nessuna informazione').count(),
        ).toBe(0);

        // The attachment, through document-store.
        await page.getByLabel('File da allegare', { exact: true }).setInputFiles({
          name: 'delega 01 marzo 2016.pdf',
          mimeType: 'application/pdf',
          buffer: Buffer.concat([Buffer.from('%PDF-1.4\n% delega\n'), Buffer.alloc(512, 0x20), Buffer.from('%%EOF\n')]),
        });
        await page.getByLabel('Descrizione allegato', { exact: true }).fill('Delega del mandante');
        await page.getByRole('button', { name: 'Allega', exact: true }).click();
        await visible(page.getByTestId('raa-attachments').getByText('delega 01 marzo 2016.pdf'));
        await page.getByRole('button', { name: 'Salva in bozza' }).click();
        await visible(page.getByTestId('raa-notice'));
        await screenshot(page, 'raa-draft');

        // Reopen from the list.
        await page.getByRole('link', { name: "Torna all'elenco delle richieste" }).click();
        const row = page.getByTestId('raa-requests').locator(`tr[data-request-id="${requestId}"]`);
        await visible(row.getByText('BOZZA'));
        await row.getByRole('link', { name: /Dettaglio/ }).click();
        await visible(page.getByTestId('raa-workers').locator(`tr[data-worker="${UNKNOWN_WORKER}"]`));
        expect(await page.getByLabel('Motivazione *', { exact: true }).inputValue()).toBe('Pignoramento presso terzi');
        await visible(page.getByTestId('raa-attachments').getByText('Delega del mandante'));
      },
      [/400/],
    );
  });

  it('"Invia e protocolla": INVIATA with its protocol number; the page is read-only and the API refuses a change', async () => {
    await asCitizen(ALESSANDRO, async (page) => {
      await page.goto(`/area-riservata/accesso-atti/${requestId}`);
      await visible(page.getByRole('button', { name: 'Invia e protocolla' }));
      const answer = page.waitForResponse((r) => r.url().endsWith('/submit'), { timeout: 15_000 });
      await page.getByRole('button', { name: 'Invia e protocolla' }).click();
      const submitted = await answer;
      expect({ status: submitted.status(), body: submitted.status() === 200 ? '' : await submitted.text() }).toEqual({
        status: 200,
        body: '',
      });
      await visible(page.getByTestId('raa-state').getByText('INVIATA'));
      protocollo = (await page.getByTestId('raa-protocollo').innerText()).trim();
      expect(protocollo).toMatch(/^\d{4}\/\d{4}$/);
      expect(await page.getByRole('button', { name: 'Salva in bozza' }).count()).toBe(0);
      expect(await page.getByLabel('Codice fiscale lavoratore', { exact: true }).count()).toBe(0);
      await screenshot(page, 'raa-sent');
    });
    const edit = await asApi(ALESSANDRO, 'PUT', `/api/raa/requests/${requestId}`, {
      provincia: 'CO',
      motivazione: 'Cambiata dopo l’invio',
    });
    expect({ status: edit.status, code: edit.json.code }).toEqual({ status: 409, code: 'REQUEST_NOT_EDITABLE' });
    const add = await asApi(ALESSANDRO, 'POST', `/api/raa/requests/${requestId}/workers`, {
      codiceFiscale: 'GRCGPP58T08G273K',
    });
    expect(add.status).toBe(409);
    const mail = await until(
      'the officer\u2019s mail',
      async () => (await mailsTo(FRANCESCA.email, /accesso agli atti/))[0],
    );
    expect(mail.subject).toBe(`Nuova richiesta di accesso agli atti – protocollo ${protocollo}`);
    expect(await mailsTo(GIULIA.email, /accesso agli atti/)).toEqual([]);
  });

  it('the officer of another Provincia does not see it', async () => {
    await asOfficer(
      GIULIA,
      async (page) => {
        await visible(page.getByTestId('raa-queue-empty'));
        await page.goto(`/backoffice/richieste-raa/${requestId}`);
        await visible(page.getByTestId('api-refusal').getByText('Richiesta non trovata'));
      },
      [/404/],
    );
  });

  it('the officer of Como answers from the employment records, editing the proposal', async () => {
    await asOfficer(FRANCESCA, async (page) => {
      const row = page.getByTestId('raa-queue').locator(`tr[data-request-id="${requestId}"]`);
      await visible(row);
      await row.getByRole('link', { name: protocollo }).click();
      await visible(page.getByTestId('raa-protocollo').getByText(protocollo));
      await visible(page.getByTestId('raa-attachments').getByText(/delega 01 marzo 2016\.pdf/));
      await page.getByLabel('Data di ricerca *', { exact: true }).fill('2025-06-30');
      await page.getByRole('button', { name: 'Cerca nella banca dati' }).click();
      const known = page.locator(`fieldset[data-answer-worker="${KNOWN_WORKER}"]`);
      await visible(known);
      expect(await known.getByLabel('Datore di lavoro', { exact: true }).inputValue()).toBe('AZIENDA PROVA 1 SRL');
      expect(await known.getByLabel('Data inizio (AAAA-MM-GG)', { exact: true }).inputValue()).toBe('2019-09-16');
      const unknown = page.locator(`fieldset[data-answer-worker="${UNKNOWN_WORKER}"]`);
      expect(await unknown.getByLabel('Situazione', { exact: true }).inputValue()).toBe('NESSUN_RAPPORTO');
      await known.getByLabel('Datore di lavoro', { exact: true }).fill('AZIENDA PROVA 1 S.R.L.');
      await page
        .getByLabel('Risposta provincia', { exact: true })
        .fill('Dati estratti dalle comunicazioni obbligatorie.');
      await page.getByRole('button', { name: 'Evadi richiesta' }).click();
      await visible(page.getByTestId('raa-state').getByText('EVASA'));
      await visible(page.getByTestId('raa-decision-notice'));
      // Who looked at the worker: the lawyer (when adding) and the officer (the answer).
      await page
        .getByTestId('raa-workers')
        .locator(`tr[data-worker="${KNOWN_WORKER}"]`)
        .getByRole('button', { name: 'Chi ha consultato' })
        .click();
      const lookups = page.getByTestId('raa-lookups');
      await visible(lookups.getByText(ALESSANDRO.fiscalNumber).first());
      await visible(lookups.getByText(FRANCESCA.fiscalNumber).first());
      await screenshot(page, 'raa-backoffice-answered');
    });
  });

  it('the lawyer is mailed, reads the answer in Dettaglio and prints it', async () => {
    const mail = await until('the answer mail', async () => (await mailsTo(RAA_EMAIL, /evasa/))[0]);
    expect(mail.text).toContain(
      `è possibile visualizzare la situazione lavorativa dei lavoratori inseriti nella richiesta di accesso agli atti con protocollo numero ${protocollo}`,
    );
    await asCitizen(ALESSANDRO, async (page) => {
      const row = page.getByTestId('raa-requests').locator(`tr[data-request-id="${requestId}"]`);
      await visible(row.getByText('EVASA'));
      await visible(row.getByText(protocollo));
      await row.getByRole('link', { name: /Dettaglio/ }).click();
      const known = page.getByTestId('raa-workers').locator(`tr[data-worker="${KNOWN_WORKER}"]`);
      await visible(known.getByText('Lavora', { exact: true }));
      await visible(known.getByText(/AZIENDA PROVA 1 S\.R\.L\. .*dal 16\/09\/2019/));
      await visible(
        page
          .getByTestId('raa-workers')
          .locator(`tr[data-worker="${UNKNOWN_WORKER}"]`)
          .getByText('nessun rapporto di lavoro in corso alla data di ricerca'),
      );
      await visible(page.getByTestId('raa-answer').getByText('Dati estratti dalle comunicazioni obbligatorie.'));
      const print = page.getByRole('link', { name: 'Stampa' });
      const href = await print.getAttribute('href');
      const pdf = await page.request.get(href!);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      await screenshot(page, 'raa-answer');
    });
  });
});
