/* eslint-disable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return --
   response bodies are checked by the assertions themselves (Json is any) */
// The nomination of a company's Amministratore as the operators live it, in Chromium against the whole platform
// (gateway, identity, registry, admin-verification, document-store, notification, dev IdP, mail catcher): the
// super-operator assigns operators to their structures in the back office, the operator of another territory does
// not see the request, the right one opens it with its documents (inline preview), asks for integration through the
// dialog, the company resubmits, the operator approves, and the new Amministratore acts for the company at once.
// The company's first steps go through the API as the portal sends them; the Responsabile unico of a PA (Lavoro
// Pubblico: the PA added by the operator from IPA, one PA per person, the old role ended) and the RAA profile (Como:
// the PEC confirmation link mailed and opened) run in the portal's pages and the back office, end to end.
// Needs the built back end and UI: `node scripts/build.mjs && npm run build:ui`.
import { deflateSync } from 'node:zlib';
import { devSign, type EmbeddedPlatform, type TestCitizen, testCitizens } from '@profila/embedded';
import { PDFDocument } from 'pdf-lib';
import {
  citizenApi,
  collectPageErrors,
  createStructure,
  launchBrowser,
  loginToBackoffice,
  loginToPortal,
  screenshot,
  serviceApi,
  startTestPlatform,
  until,
  visible,
  withPage,
} from '@profila/testing';
import type { Browser, Page } from 'playwright-core';

let platform: EmbeddedPlatform;
let browser: Browser;
/** The platform as the browser sees it: identity sends the browser back to PUBLIC_URL, which says localhost. */
let baseUrl: string;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

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

const LUCA = citizen('luca-esposito'); // the super-operator configured by default in embedded mode
const FRANCESCA = citizen('francesca-romano'); // will be the operator of the CPI di Trento
const GIULIA = citizen('giulia-bianchi'); // will be the operator of the CPI di Milano
const MARIO = citizen('mario-rossi'); // applies for the company
const CHIARA = citizen('chiara-ricci'); // the nominee: the company's new Amministratore

const SARA = citizen('sara-conti'); // Responsabile unico of the Comune di Trento, then of the Comune di Como
const ALESSANDRO = citizen('alessandro-ferrari'); // an avvocato asking for the RAA profile
const MARCO = citizen('marco-de-luca'); // joins the staff of the new CPI di Rovereto
const COMUNE_TRENTO = { codiceFiscale: '00355870221', denominazione: 'Comune di Trento' }; // in the IPA sample only
const COMUNE_COMO = { codiceFiscale: '00417480134', denominazione: 'Comune di Como' };
const ONE_PA =
  'Il ruolo di responsabile unico non può essere ricoperto contemporaneamente per più di una amministrazione.';

const COMPANY = { codiceFiscale: '00097020598', ragioneSociale: 'AZIENDA PROVA 1 SRL' };
const MISSING = 'La delega non è firmata dal legale rappresentante';

// ---------------------------------------------------------------------------------------------------------------
// Set-up through the services' APIs (the registry's structures are entered by its own API as a service).

const registryAsService = (method: string, path: string, body?: unknown) =>
  serviceApi(platform, 'registry')(method, path, body);
let citizens: ReturnType<typeof citizenApi> | undefined; // one dev-IdP session per citizen, for the whole file
const asApi = (who: TestCitizen, method: string, path: string, body?: unknown) =>
  (citizens ??= citizenApi(platform))(who, method, path, body);

/** A Provincia / Regione with its legal representative and one CPI serving a province. */
async function structure(cf: string, ragioneSociale: string, provincia: string, comune: string, cpi: string) {
  return (await createStructure(platform, { codiceFiscale: cf, ragioneSociale, provincia, comune, unit: cpi }))
    .organizationId;
}

function pdf(label: string): Uint8Array {
  const head = Buffer.from(`%PDF-1.4\n% ${label}\n`, 'latin1');
  return new Uint8Array(Buffer.concat([head, Buffer.alloc(1024, 0x20), Buffer.from('%%EOF\n', 'latin1')]));
}

/** A real 8×8 PNG (a scanned identity document, as far as the preview is concerned). */
function png(): Uint8Array {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(8, 0);
  header.writeUInt32BE(8, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const rows = Buffer.concat(Array.from({ length: 8 }, () => Buffer.from([0, ...Array(8).fill([0, 102, 204]).flat()])));
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('IDAT', deflateSync(rows)),
      chunk('IEND', Buffer.alloc(0)),
    ]),
  );
}

async function upload(who: TestCitizen, kind: string, entityId: string, bytes: Uint8Array, name: string) {
  const form = new FormData();
  form.append('kind', kind);
  form.append('entityType', 'admin-verification-request');
  form.append('entityId', entityId);
  form.append('file', new Blob([Buffer.from(bytes)]), name);
  const headers = (await (citizens ??= citizenApi(platform)).session(who)).headers();
  const res = await fetch(`${platform.gatewayUrl}/api/document-store/documents`, {
    method: 'POST',
    headers,
    body: form,
  });
  expect({ name, status: res.status }).toEqual({ name, status: 201 });
}

/** What the mail catcher holds, through its HTTP view (what a developer opens at http://127.0.0.1:8025). */
async function mails(): Promise<CaughtMail[]> {
  const res = await fetch(`http://127.0.0.1:${platform.ports.mailHttp}/api/messages`);
  return (await res.json()) as CaughtMail[];
}
const verificationMails = async (to: string) =>
  (await mails()).filter((m) => m.to.includes(to) && /^Richiesta /.test(m.subject));

// ---------------------------------------------------------------------------------------------------------------
// The browser.

/**
 * A fresh browser in which `who` logs in to the back office through its IdP chooser and the dev IdP (level 2), then
 * `fn`. Fails if any of our pages threw or logged an error, except the answers the test provokes on purpose.
 */
async function asOperator(who: TestCitizen, fn: (page: Page) => Promise<void>, ignore: RegExp[] = []): Promise<void> {
  await withPage(
    baseUrl,
    async (page) => {
      const errors = collectPageErrors(page, { origin: baseUrl, ignore });
      await loginToBackoffice(page, baseUrl, who);
      await fn(page);
      expect(errors).toEqual([]);
    },
    { browser },
  );
}

/** A fresh browser in which `who` logs in to the portal (dev IdP, level 2) and lands in the reserved area. */
async function asPortalUser(who: TestCitizen, fn: (page: Page) => Promise<void>, ignore: RegExp[] = []) {
  await withPage(
    baseUrl,
    async (page) => {
      const errors = collectPageErrors(page, { origin: baseUrl, ignore });
      await loginToPortal(page, baseUrl, who);
      await fn(page);
      expect(errors).toEqual([]);
    },
    { browser },
  );
}

const reservedMenu = (page: Page) => page.getByRole('navigation', { name: "Menu dell'area riservata" });

const sidebar = (page: Page) => page.getByRole('navigation', { name: 'Sezioni del back office' });

async function openQueue(page: Page): Promise<void> {
  await sidebar(page).getByRole('link', { name: 'Verifiche amministratori' }).click();
  await visible(page.getByRole('heading', { level: 1, name: 'Verifiche amministratori' }));
  await page.getByText('Caricamento delle richieste…').waitFor({ state: 'detached' });
}

// ---------------------------------------------------------------------------------------------------------------

let companyId: string;
let requestId: string;
let signedDelega: Uint8Array;
let trentoId: string;

beforeAll(async () => {
  platform = await startTestPlatform({ devIdp: true });
  baseUrl = platform.gatewayUrl.replace('127.0.0.1', 'localhost');
  await until('the dev IdP in the SPID list', async () => {
    const res = await fetch(`${platform.gatewayUrl}/api/identity/idps?kind=spid`);
    const idps = (await res.json()) as Array<{ name: string }>;
    return idps.some((idp) => /Dev IdP/.test(idp.name)) ? true : undefined;
  });
  browser = await launchBrowser();

  trentoId = await structure('00337460224', 'Provincia Autonoma di Trento', 'TN', 'L378', 'CPI di Trento');
  await structure('80050050154', 'Regione Lombardia', 'MI', 'F205', 'CPI di Milano');
  const company = await registryAsService('POST', '/organizations/italiane', {
    ...COMPANY,
    settoreEconomico: 'C',
    provincia: 'TN',
    comune: 'L378',
    cap: '38122',
    indirizzo: 'Via del Lavoro 12',
    email: 'info@aziendaprova.it',
    tipiSoggettoAbilitato: ['datore-di-lavoro-privato'],
  });
  companyId = company.id as string;
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
}, 60_000);

describe('nomination of an Amministratore in the back office', () => {
  it('the company sends the nomination with its documents (API): no mail until an operator decides', async () => {
    const draft = await asApi(MARIO, 'POST', '/api/admin-verification/requests/amministratore', {
      organizationId: companyId,
      codiceFiscale: CHIARA.fiscalNumber,
      nome: CHIARA.name,
      cognome: CHIARA.familyName,
      dataNascita: CHIARA.dateOfBirth,
      luogoNascita: CHIARA.codiceCatastale,
      email: CHIARA.email,
      emailConferma: CHIARA.email,
    });
    expect(draft.status).toBe(201);
    requestId = draft.json.id;
    const slots = Object.fromEntries(draft.json.documents.map((d: Json) => [d.label, d]));
    expect(Object.keys(slots)).toEqual(['Delega', 'Doc Riconoscimento', 'Doc Riconoscimento Rappr. Legale']);
    // The delega, signed by the company's legal representative with the installation's development CA (PAdES).
    const blank = await PDFDocument.create();
    blank.addPage().drawText('Delega alla nomina dell amministratore aziendale');
    signedDelega = await devSign(platform.dataDir, await blank.save(), MARIO.fiscalNumber);
    await upload(MARIO, slots.Delega.kind, slots.Delega.entityId, signedDelega, 'delega.pdf');
    const id = slots['Doc Riconoscimento'];
    await upload(MARIO, id.kind, id.entityId, png(), 'documento-chiara.png');
    const rl = slots['Doc Riconoscimento Rappr. Legale'];
    await upload(MARIO, rl.kind, rl.entityId, pdf('rappresentante'), 'documento-rappresentante.pdf');
    const sent = await asApi(MARIO, 'POST', `/api/admin-verification/requests/${requestId}/submit`);
    expect(sent.status).toBe(200);
    expect(sent.json.stateLabel).toBe('In attesa di abilitazione');
    expect(await verificationMails(CHIARA.email)).toEqual([]);
  });

  it('a citizen who is not an operator gets the API refusal, in Italian, on the queue and the operators page', async () => {
    await asOperator(
      GIULIA,
      async (page) => {
        await openQueue(page);
        const refusal = page.getByTestId('api-refusal');
        await visible(refusal);
        await visible(refusal.getByText('Accesso non consentito'));
        await visible(
          refusal.getByText('Area riservata agli operatori: la tua identità digitale non è abilitata al back office.'),
        );
        await sidebar(page).getByRole('link', { name: 'Operatori', exact: true }).click();
        await visible(page.getByTestId('api-refusal'));
        await screenshot(page, 'backoffice-not-an-operator');
      },
      [/403/],
    );
  });

  it('the super-operator assigns Francesca to the CPI di Trento and Giulia to the CPI di Milano through the page', async () => {
    await asOperator(LUCA, async (page) => {
      await sidebar(page).getByRole('link', { name: 'Operatori', exact: true }).click();
      await visible(page.getByRole('heading', { level: 1, name: 'Operatori' }));
      const form = page.getByTestId('assign-form');
      await visible(form);
      for (const [who, ente, cpi] of [
        [FRANCESCA, 'Provincia Autonoma di Trento', 'CPI di Trento'],
        [GIULIA, 'Regione Lombardia', 'CPI di Milano'],
      ] as const) {
        await form.getByLabel('Codice fiscale *', { exact: true }).fill(who.fiscalNumber);
        await form.getByLabel('Struttura *', { exact: true }).selectOption({ label: ente });
        await form.getByLabel('Nome *', { exact: true }).fill(who.name);
        await form.getByLabel('Cognome *', { exact: true }).fill(who.familyName);
        await form.getByLabel(new RegExp(`^${cpi}`)).check({ force: true });
        await form.getByRole('button', { name: 'Assegna' }).click();
        await visible(page.getByTestId('operators-notice').getByText(`(${who.fiscalNumber}) assegnato`));
        const row = page.getByTestId('operators').locator(`tr[data-operator="${who.fiscalNumber}"]`);
        await visible(row.getByRole('cell', { name: ente, exact: true }));
        await visible(row.getByRole('cell', { name: cpi, exact: true }));
      }
      await screenshot(page, 'backoffice-operators');
    });
  });

  it('the operator of another territory does not see the request, nor can open it', async () => {
    await asOperator(
      GIULIA,
      async (page) => {
        await openQueue(page);
        await visible(page.getByTestId('queue-empty'));
        expect(await page.locator(`tr[data-request-id="${requestId}"]`).count()).toBe(0);
        await page.goto(`/backoffice/verifiche-amministratori/${requestId}`);
        await visible(page.getByTestId('api-refusal').getByText('Richiesta non trovata'));
      },
      [/404/],
    );
  });

  it('the right operator filters the queue, opens the request, previews the documents, asks for integration', async () => {
    await asOperator(
      FRANCESCA,
      async (page) => {
        await openQueue(page);
        await page.getByLabel('Tipo di richiesta', { exact: true }).selectOption('amministratore');
        await page.getByLabel('Provincia', { exact: true }).fill('tn');
        await page.getByRole('button', { name: 'Filtra' }).click();
        await page.waitForURL(/kind=amministratore/);
        expect(new URL(page.url()).searchParams.get('provincia')).toBe('TN');
        const row = page.locator(`tr[data-request-id="${requestId}"]`);
        await visible(row);
        await visible(row.getByText(`${COMPANY.ragioneSociale} (${COMPANY.codiceFiscale})`));
        await visible(row.getByText('In attesa di abilitazione'));
        expect(await row.getByTestId('late-badge').count()).toBe(0); // sent just now
        // Another province of her territory's filter: nothing.
        await page.getByLabel('Provincia', { exact: true }).fill('MI');
        await page.getByRole('button', { name: 'Filtra' }).click();
        await visible(page.getByTestId('queue-empty'));
        await page.getByLabel('Provincia', { exact: true }).fill('');
        await page.getByRole('button', { name: 'Filtra' }).click();
        await row.getByRole('link', { name: 'Nomina amministratore aziendale' }).click();

        await visible(page.getByRole('heading', { level: 1, name: 'Nomina amministratore aziendale' }));
        await visible(page.getByTestId('request-state').getByText('In attesa di abilitazione'));
        await visible(page.getByText(CHIARA.fiscalNumber, { exact: true }));
        await visible(page.getByText(COMPANY.ragioneSociale, { exact: true }));
        const documents = page.getByTestId('documents');
        for (const name of ['delega.pdf', 'documento-chiara.png', 'documento-rappresentante.pdf']) {
          await visible(documents.getByText(new RegExp(name.replace('.', '\\.'))));
        }
        // Beside each document, document-store's check of its signatures: the delega signed by Mario with a
        // recognised certificate, the scanned identity document not signed at all.
        const delegaVerdict = documents
          .locator('li[data-document-kind="delega-document"]')
          .getByTestId('signature-verdict');
        await visible(delegaVerdict.getByText('Firma valida'));
        await visible(delegaVerdict.getByText(`(${MARIO.fiscalNumber})`, { exact: false }));
        expect(await delegaVerdict.getAttribute('data-valid')).toBe('true');
        const idVerdict = documents
          .locator('li[data-document-kind="identity-document"]')
          .first()
          .getByTestId('signature-verdict');
        await visible(idVerdict.getByText('documento non firmato digitalmente', { exact: false }));
        // The identity document (an image) inline: an <img> the browser decoded.
        const idSlot = documents.locator('li[data-document-kind="identity-document"]').first();
        await idSlot.getByRole('button', { name: 'Mostra anteprima' }).click();
        const image = idSlot.getByRole('img', { name: /^Anteprima: Doc Riconoscimento/ });
        await visible(image);
        await until('the decoded preview', async () =>
          (await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)) === 8 ? true : undefined,
        );
        // The delega (a PDF) inline in an <iframe> holding its bytes.
        const delega = documents.locator('li[data-document-kind="delega-document"]');
        // The bytes come through the request's download link (document-store, attachment), shown from a blob URL.
        const bytes = page.waitForResponse((r) => r.url().includes('/api/document-store/documents/download/'));
        await delega.getByRole('button', { name: 'Mostra anteprima' }).click();
        const download = await bytes;
        expect(download.status()).toBe(200);
        const frame = delega.locator('iframe[title="Anteprima: Delega"]');
        await visible(frame);
        expect(await frame.getAttribute('src')).toMatch(/^blob:/);
        // every byte of the stored file, in the frame
        expect(await delega.locator('.document-preview').getAttribute('data-bytes')).toBe(String(signedDelega.length));
        await screenshot(page, 'backoffice-request-detail');

        // Da integrare: refused without text, the API's message under the field.
        await page.getByRole('button', { name: 'Da integrare' }).click();
        const dialog = page.getByRole('dialog');
        await visible(dialog.getByText('Cosa manca *'));
        await dialog.getByRole('button', { name: 'Chiedi integrazione' }).click();
        await visible(dialog.locator('.field-error').getByText('Indicare cosa integrare'));
        expect(await dialog.getByLabel('Cosa manca *', { exact: true }).getAttribute('aria-invalid')).toBe('true');
        await screenshot(page, 'backoffice-integration-refused');
        await dialog.getByLabel('Cosa manca *', { exact: true }).fill(MISSING);
        await dialog.getByRole('button', { name: 'Chiedi integrazione' }).click();
        await visible(page.getByTestId('decision-notice'));
        await visible(page.getByTestId('request-state').getByText('Da integrare'));
        const timeline = page.getByTestId('timeline');
        await visible(timeline.getByText('Da integrare', { exact: true }));
        await visible(timeline.getByText(MISSING));
        expect(await timeline.locator('li').allInnerTexts()).toEqual([
          expect.stringContaining('Richiesta inviata'),
          expect.stringContaining('Presa in carico'),
          expect.stringContaining('Da integrare'),
        ]);
      },
      [/400/],
    );
    const mail = await until('the integration mail', async () => {
      const found = await verificationMails(CHIARA.email);
      return found.length > 0 ? found : undefined;
    });
    expect(mail.map((m) => m.subject)).toEqual([`Richiesta da integrare – ${COMPANY.ragioneSociale}`]);
    expect(mail[0].text).toContain(`Da integrare: ${MISSING}`);
  });

  it('the company resubmits (API); the operator sees it back with its history and approves it', async () => {
    const delega = (await asApi(MARIO, 'GET', `/api/admin-verification/requests/${requestId}`)).json.documents.find(
      (d: Json) => d.kind === 'delega-document',
    );
    await upload(MARIO, 'delega-document', delega.entityId, pdf('delega firmata'), 'delega-firmata.pdf');
    const back = await asApi(MARIO, 'POST', `/api/admin-verification/requests/${requestId}/resubmit`);
    expect(back.json.stateLabel).toBe('Integrata, in attesa di abilitazione');
    expect((await verificationMails(CHIARA.email)).length).toBe(1); // no mail for the resubmission

    await asOperator(FRANCESCA, async (page) => {
      await openQueue(page);
      const row = page.locator(`tr[data-request-id="${requestId}"]`);
      await visible(row.getByText('Integrata, in attesa di abilitazione'));
      await row.getByRole('link').click();
      await visible(page.getByTestId('documents').getByText(/delega-firmata\.pdf/));
      await page.getByRole('button', { name: 'Abilitato' }).click();
      const dialog = page.getByRole('dialog');
      await visible(dialog.getByText(/Confermi l'abilitazione di/));
      await dialog.getByRole('button', { name: 'Conferma abilitazione' }).click();
      await visible(page.getByTestId('request-state').getByText('Abilitato'));
      expect(await page.getByRole('button', { name: 'Respinto' }).count()).toBe(0);
      const steps = await page.getByTestId('timeline').locator('li').allInnerTexts();
      expect(steps.at(-1)).toContain('Abilitato');
      expect(steps.at(-1)).toContain(FRANCESCA.fiscalNumber);
      await screenshot(page, 'backoffice-request-approved');
    });

    const approval = await until('the approval mail', async () => {
      const found = (await verificationMails(CHIARA.email)).filter((m) => m.subject.startsWith('Richiesta abilitata'));
      return found.length > 0 ? found[0] : undefined;
    });
    expect(approval.subject).toBe(`Richiesta abilitata – ${COMPANY.ragioneSociale}`);
    expect(approval.text).toContain(
      `la tua identità digitale (SPID/CPS/CIE) associata al codice fiscale ${CHIARA.fiscalNumber} è stata abilitata a operare su Profila in qualità di amministratore aziendale per conto dell'azienda CF: ${COMPANY.codiceFiscale} – Ragione sociale: ${COMPANY.ragioneSociale}.`,
    );
    expect(approval.text).toContain("Accedi all'utenza aziendale");
  });

  it('the company follows it in the portal (Gestione dati amministratore); a new form is refused field by field', async () => {
    await withPage(
      baseUrl,
      async (page) => {
        const errors = collectPageErrors(page, { origin: baseUrl, ignore: [/400/] });
        await loginToPortal(page, baseUrl, MARIO);
        await page
          .getByRole('navigation', { name: "Menu dell'area riservata" })
          .getByRole('link', { name: 'Gestione dati amministratore' })
          .click();
        await visible(page.getByRole('heading', { level: 1, name: 'Gestione dati amministratore' }));
        const mine = page.getByTestId('my-nominations');
        await visible(mine.getByText(`${CHIARA.familyName} ${CHIARA.name} per ${COMPANY.ragioneSociale}`));
        await visible(mine.getByText('Abilitato', { exact: true }));
        // A new nomination with e-mails that differ and no company: the service's messages under the fields.
        await page.getByLabel('Nome *', { exact: true }).fill('Lorenzo');
        await page.getByLabel('Cognome *', { exact: true }).fill('Venturi');
        await page.getByLabel('Data di Nascita *', { exact: true }).fill('1988-02-26');
        await page.getByLabel('Comune o stato di nascita *', { exact: true }).fill('I921');
        await page.getByLabel('Codice Fiscale *', { exact: true }).fill('VNTLNZ88B26I921M');
        await page.getByLabel('Indirizzo E-mail Amministratore aziendale *', { exact: true }).fill('l@example.org');
        await page
          .getByLabel('Indirizzo E-mail Amministratore aziendale Conferma *', { exact: true })
          .fill('altro@example.org');
        await page.getByRole('button', { name: 'Salva' }).click();
        await visible(page.locator('#cerca-azienda-errore').getByText(/Campo obbligatorio|Selezionare l'azienda/));
        await page
          .getByLabel("Codice fiscale o ragione sociale dell'azienda", { exact: true })
          .fill(COMPANY.codiceFiscale);
        await page.getByRole('button', { name: 'Cerca' }).click();
        await page.getByRole('button', { name: `${COMPANY.ragioneSociale} (${COMPANY.codiceFiscale})` }).click();
        await visible(page.getByText(`${COMPANY.ragioneSociale} — Codice Fiscale ${COMPANY.codiceFiscale}`));
        await page.getByRole('button', { name: 'Salva' }).click();
        await visible(page.locator('#emailConferma-errore').getByText(/diverso/));
        expect(await page.locator('#emailConferma').getAttribute('aria-invalid')).toBe('true');
        expect(await page.getByTestId('my-nominations').locator('li').count()).toBe(1); // nothing stored
        await screenshot(page, 'portal-nomination-refused');
        expect(errors).toEqual([]);
      },
      { browser },
    );
  });

  it('the new Amministratore logs in and finds the company among their organisations', async () => {
    const orgs = await until('the grant in the registry', async () => {
      const res = await asApi(CHIARA, 'GET', '/api/registry/me/organizations');
      const items = (Array.isArray(res.json) ? res.json : res.json?.items) as Json[] | undefined;
      return items?.some((o) => o.codiceFiscale === COMPANY.codiceFiscale) ? items : undefined;
    });
    expect(orgs.find((o) => o.codiceFiscale === COMPANY.codiceFiscale)).toMatchObject({
      ragioneSociale: COMPANY.ragioneSociale,
    });
  });
});

describe('Responsabile unico of a PA (Lavoro Pubblico) in the portal and the back office', () => {
  let first: string;

  async function openRegistration(page: Page): Promise<void> {
    await reservedMenu(page).getByRole('link', { name: 'Registrazione amministrazione' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'Registrazione amministrazione' }));
  }

  async function fillResponsabile(page: Page, paCf: string, pec: string): Promise<void> {
    await page.getByLabel("Codice fiscale dell'amministrazione *", { exact: true }).fill(paCf);
    await page.getByLabel('Codice fiscale del Responsabile unico *', { exact: true }).fill(SARA.fiscalNumber);
    await page.getByLabel('Cognome *', { exact: true }).fill(SARA.familyName);
    await page.getByLabel('Nome *', { exact: true }).fill(SARA.name);
    await page.getByLabel('Mail *', { exact: true }).fill(SARA.email);
    await page.getByLabel('PEC del Responsabile unico *', { exact: true }).fill(pec);
  }

  it('Sara registers the Comune di Trento (not in the registry): bad PEC refused, atto di nomina uploaded, sent', async () => {
    await asPortalUser(
      SARA,
      async (page) => {
        await openRegistration(page);
        await fillResponsabile(page, COMUNE_TRENTO.codiceFiscale, 'non-una-pec');
        await page.getByRole('button', { name: 'Salva' }).click();
        await visible(page.locator('#pec-errore').getByText('Indirizzo PEC non valido'));
        expect(await page.locator('#pec').getAttribute('aria-invalid')).toBe('true');
        expect(await page.getByTestId('my-requests').count()).toBe(0); // nothing stored
        await page.getByLabel('PEC del Responsabile unico *', { exact: true }).fill('sara.conti@pec.comune.trento.it');
        await page.getByRole('button', { name: 'Salva' }).click();
        await visible(page.getByTestId('request-state').getByText('Bozza'));
        // "Invia" without the atto di nomina: the service's message.
        await page.getByRole('button', { name: 'Invia richiesta' }).click();
        await visible(page.locator('.field-error').getByText('Caricare il file: Atto di nomina'));
        await page.locator('#documento-atto-di-nomina').setInputFiles({
          name: 'atto-di-nomina.pdf',
          mimeType: 'application/pdf',
          buffer: Buffer.from(pdf('atto di nomina')),
        });
        await visible(page.getByTestId('file-atto-di-nomina').getByText('atto-di-nomina.pdf'));
        await page.getByRole('button', { name: 'Invia richiesta' }).click();
        await visible(page.getByTestId('request-state').getByText('In attesa di abilitazione'));
        const mine = page.getByTestId('my-requests');
        await visible(mine.getByText(`${SARA.familyName} ${SARA.name} per ${COMUNE_TRENTO.denominazione}`));
        await screenshot(page, 'portal-responsabile-sent');
      },
      [/400/],
    );
    const mine = await asApi(SARA, 'GET', '/api/admin-verification/requests');
    first = mine.json.items.find((r: Json) => r.kind === 'responsabile-unico').id;
    expect(mine.json.items[0].organization).toMatchObject({ organizationId: null, ragioneSociale: 'Comune di Trento' });
  });

  it('the operator adds the PA from the IPA data (bad e-mail refused), then approves the Responsabile unico', async () => {
    await asOperator(
      FRANCESCA,
      async (page) => {
        await openQueue(page);
        const row = page.locator(`tr[data-request-id="${first}"]`);
        await row.getByRole('link', { name: 'Responsabile unico della pubblica amministrazione' }).click();
        await visible(page.getByTestId('request-state').getByText('In attesa di abilitazione'));
        await visible(page.getByTestId('documents').getByText(/atto-di-nomina\.pdf/));
        // Approving before the PA is in the registry is refused with the reason.
        await page.getByRole('button', { name: 'Abilitato' }).click();
        await page.getByRole('dialog').getByRole('button', { name: 'Conferma abilitazione' }).click();
        await visible(page.getByRole('dialog').getByText(/non è nell'anagrafica: aggiungerla prima/));
        await page.getByRole('dialog').getByRole('button', { name: 'Annulla' }).click();
        const add = page.getByTestId('add-pa');
        await visible(add);
        expect(await add.getByLabel('Denominazione *', { exact: true }).inputValue()).toBe('Comune di Trento');
        expect(await add.getByLabel('Codice IPA', { exact: true }).inputValue()).toBe('c_l378');
        await add.getByLabel("E-mail dell'amministrazione *", { exact: true }).fill('non valida');
        await add.getByRole('button', { name: "Aggiungi l'amministrazione" }).click();
        await visible(add.locator('#pa-email-errore').getByText('Indirizzo e-mail non valido'));
        await add.getByLabel("E-mail dell'amministrazione *", { exact: true }).fill('protocollo@comune.trento.it');
        await add.getByLabel('CAP', { exact: true }).fill('38122');
        await add.getByRole('button', { name: "Aggiungi l'amministrazione" }).click();
        await visible(page.getByTestId('decision-notice').getByText(/Amministrazione aggiunta/));
        expect(await page.getByTestId('add-pa').count()).toBe(0);
        await page.getByRole('button', { name: 'Abilitato' }).click();
        await page.getByRole('dialog').getByRole('button', { name: 'Conferma abilitazione' }).click();
        await visible(page.getByTestId('request-state').getByText('Abilitato'));
        await visible(page.getByTestId('end-responsabile'));
        await screenshot(page, 'backoffice-responsabile-approved');
      },
      [/400/, /409/],
    );
    const approval = await until('the approval mail', async () => {
      const found = (await verificationMails(SARA.email)).filter((m) => m.subject.startsWith('Richiesta abilitata'));
      return found[0];
    });
    expect(approval.subject).toBe('Richiesta abilitata – Comune di Trento');
    expect(approval.text).toContain(
      `associata al codice fiscale ${SARA.fiscalNumber} è stata abilitata a operare su Profila in qualità di Responsabile unico per conto dell'amministrazione CF: ${COMUNE_TRENTO.codiceFiscale} – Ragione sociale: Comune di Trento.`,
    );
    await until('the registry grant', () =>
      registryAsService('GET', `/verifications/responsabili-unici/${SARA.fiscalNumber}`).then(() => true),
    );
  });

  it('a second PA for the same person is refused with the clear message; after the operator ends the old role it is accepted', async () => {
    await asPortalUser(
      SARA,
      async (page) => {
        await openRegistration(page);
        await fillResponsabile(page, COMUNE_COMO.codiceFiscale, 'sara.conti@pec.comune.como.it');
        await page.getByRole('button', { name: 'Salva' }).click();
        const refusal = page.getByTestId('request-refusal');
        await visible(refusal.getByText(new RegExp(`^${ONE_PA}`)));
        await visible(refusal.getByText(/è già Responsabile unico di Comune di Trento/));
        await visible(page.locator('#codiceFiscale-errore').getByText(ONE_PA));
        expect(await page.getByTestId('my-requests').locator('li').count()).toBe(1); // nothing stored
        await screenshot(page, 'portal-responsabile-one-pa');
      },
      [/409/],
    );

    await asOperator(FRANCESCA, async (page) => {
      await page.goto(`/backoffice/verifiche-amministratori/${first}`);
      const end = page.getByTestId('end-responsabile');
      await end.getByRole('button', { name: 'Termina il ruolo di Responsabile unico' }).click();
      await end.getByRole('button', { name: 'Conferma: termina il ruolo' }).click();
      await visible(
        end.getByText(
          `Ruolo terminato: ${SARA.familyName} ${SARA.name} non è più Responsabile unico di Comune di Trento.`,
        ),
      );
    });
    // Another territory's operator cannot end it (nor see it).
    const other = await asApi(
      GIULIA,
      'DELETE',
      `/api/admin-verification/operator/responsabili-unici/${SARA.fiscalNumber}`,
    );
    expect(other.status).toBe(404);

    await asPortalUser(SARA, async (page) => {
      await openRegistration(page);
      await fillResponsabile(page, COMUNE_COMO.codiceFiscale, 'sara.conti@pec.comune.como.it');
      await page.getByRole('button', { name: 'Salva' }).click();
      await visible(page.getByTestId('request-state').getByText('Bozza'));
      await visible(page.getByTestId('my-requests').getByText(`per ${COMUNE_COMO.denominazione}`));
    });
  });
});

describe('RAA profile (Como) with the PEC confirmation', () => {
  let raaId: string;
  const PEC = 'alessandro.ferrari@pec.avvocati.example.org';

  it('the avvocato fills DATI PERSONA (bad input refused), sends; the PEC link is mailed, the queue does not see it yet', async () => {
    await asPortalUser(
      ALESSANDRO,
      async (page) => {
        await reservedMenu(page).getByRole('link', { name: 'Registrazione accesso agli atti' }).click();
        await visible(
          page.getByRole('heading', {
            level: 1,
            name: 'Registrazione avvocati ed enti autorizzati per accesso agli atti',
          }),
        );
        // Cognome, nome and codice fiscale come from the digital identity.
        expect(await page.getByLabel('Codice Fiscale *', { exact: true }).inputValue()).toBe(ALESSANDRO.fiscalNumber);
        await page.getByLabel('Data di Nascita *', { exact: true }).fill('1970-01-01');
        await page.getByLabel('Comune di Nascita o Stato Estero *', { exact: true }).fill(ALESSANDRO.codiceCatastale);
        await page.getByLabel('Indirizzo di Residenza *', { exact: true }).fill('Via Belenzani 3');
        await page.getByLabel('Comune di Residenza *', { exact: true }).fill('L378');
        await page.getByLabel('Provincia di Residenza *', { exact: true }).fill('TN');
        await page.getByLabel('E-Mail *', { exact: true }).fill(ALESSANDRO.email);
        await page.getByLabel('PEC *', { exact: true }).fill('pec sbagliata');
        await page.getByLabel('Professione/Ruolo', { exact: true }).fill('Avvocato');
        await page.getByRole('button', { name: 'Salva' }).click();
        await visible(page.locator('#pec-errore').getByText('Indirizzo PEC non valido'));
        await page.getByLabel('PEC *', { exact: true }).fill(PEC);
        await page.getByRole('button', { name: 'Salva' }).click();
        await visible(
          page.locator('#dataNascita-errore').getByText('La data di nascita non corrisponde al codice fiscale'),
        );
        expect(await page.getByTestId('my-requests').count()).toBe(0); // nothing stored
        await page.getByLabel('Data di Nascita *', { exact: true }).fill(ALESSANDRO.dateOfBirth);
        await page.getByRole('button', { name: 'Salva' }).click();
        await visible(page.getByTestId('request-state').getByText('Bozza'));
        await page.getByRole('button', { name: 'Invia richiesta' }).click();
        await visible(page.getByTestId('request-state').getByText('In attesa di conferma PEC'));
        await visible(page.getByTestId('pec-pending').getByText(PEC));
        await screenshot(page, 'portal-raa-awaiting-pec');
      },
      [/400/],
    );
    raaId = (await asApi(ALESSANDRO, 'GET', '/api/admin-verification/requests')).json.items[0].id;
    const queue = await asApi(FRANCESCA, 'GET', '/api/admin-verification/operator/requests');
    expect(queue.json.items.map((r: Json) => r.id)).not.toContain(raaId);
  });

  it('the link mailed to the PEC, opened in the browser, confirms it once; then the operator approves', async () => {
    const pecMail = await until('the PEC confirmation mail', async () =>
      (await mails()).find((m) => m.to.includes(PEC) && m.subject === 'Conferma la tua PEC per la registrazione RAA'),
    );
    const link = /https?:\/\/\S+\/conferma-pec\/[A-Za-z0-9_-]{43}/.exec(pecMail.text)?.[0];
    expect(link).toBeDefined();
    expect(link!.startsWith(baseUrl)).toBe(true);
    await withPage(
      baseUrl,
      async (page) => {
        const errors = collectPageErrors(page, { origin: baseUrl, ignore: [/404/] });
        await page.goto(link!);
        await visible(
          page.getByTestId('pec-confirmed').getByText('PEC confermata: la richiesta è in attesa di abilitazione.'),
        );
        await screenshot(page, 'portal-pec-confirmed');
        await page.reload();
        await visible(page.getByTestId('pec-refused').getByText('Link di conferma non valido, già usato o scaduto.'));
        expect(errors).toEqual([]);
      },
      { browser },
    );

    await asOperator(FRANCESCA, async (page) => {
      await openQueue(page);
      const row = page.locator(`tr[data-request-id="${raaId}"]`);
      await row.getByRole('link', { name: 'Profilo RAA (avvocati ed enti autorizzati)' }).click();
      await visible(page.getByText(PEC, { exact: true }));
      await visible(page.getByText('Avvocato', { exact: true }));
      const steps = await page.getByTestId('timeline').locator('li').allInnerTexts();
      expect(steps.map((s) => s.split('\n')[0])).toEqual(['Richiesta inviata', 'PEC confermata']);
      await page.getByRole('button', { name: 'Abilitato' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Conferma abilitazione' }).click();
      await visible(page.getByTestId('request-state').getByText('Abilitato'));
    });
    const approval = await until('the RAA approval mail', async () =>
      (await verificationMails(ALESSANDRO.email)).find((m) => m.subject === 'Richiesta abilitata'),
    );
    expect(approval.text).toContain(
      `associata al codice fiscale ${ALESSANDRO.fiscalNumber} è stata abilitata a operare su Profila per le richieste di accesso agli atti (RAA).`,
    );
    // Mails so far: the PEC link to the PEC, the approval to the e-mail; nothing else.
    expect(
      (await mails()).filter((m) => m.to.includes(ALESSANDRO.email) || m.to.includes(PEC)).map((m) => m.subject),
    ).toEqual(expect.arrayContaining(['Conferma la tua PEC per la registrazione RAA', 'Richiesta abilitata']));
  });
});

describe('Strutture regionali in the back office', () => {
  it("the Provincia's operator sees its CPI and staff, adds a CPI (bad input refused) and puts a colleague on it", async () => {
    await asOperator(
      FRANCESCA,
      async (page) => {
        await sidebar(page).getByRole('link', { name: 'Strutture regionali' }).click();
        await visible(page.getByRole('heading', { level: 1, name: 'Strutture regionali' }));
        // Her one structure, chosen for her: no other Region in the list.
        const options = await page.getByLabel('Struttura', { exact: true }).locator('option').allInnerTexts();
        expect(options.slice(1)).toEqual(['Provincia Autonoma di Trento']);
        const units = page.getByTestId('units');
        const trento = units.locator('tr[data-unit="CPI di Trento"]');
        await visible(trento.getByRole('cell', { name: 'TN', exact: true }));
        const staff = page.getByTestId('staff');
        await visible(staff.locator(`tr[data-staff="${FRANCESCA.fiscalNumber}"]`).getByText('CPI di Trento'));

        await page.getByRole('button', { name: 'Aggiungi sede o CPI' }).click();
        const form = page.getByTestId('unit-form');
        await form.getByLabel('Descrizione *', { exact: true }).fill('CPI di Rovereto');
        await form.getByLabel('Indirizzo *', { exact: true }).fill('Viale Trento 31');
        await form.getByLabel('Comune della sede *', { exact: true }).fill('H612');
        await form.getByLabel('Valida dal *', { exact: true }).fill('2025-01-01');
        await form.getByLabel('Comuni serviti', { exact: true }).fill('H612, X1');
        await form.getByRole('button', { name: 'Salva sede' }).click();
        await visible(form.locator('#unit-comuniServiti-errore').getByText('Comune servito non valido'));
        expect(await units.locator('tbody tr').count()).toBe(1); // nothing added
        await form.getByLabel('Comuni serviti', { exact: true }).fill('H612, A116');
        await form.getByRole('button', { name: 'Salva sede' }).click();
        await visible(page.getByTestId('structures-notice').getByText('Sede CPI di Rovereto aggiunta.'));
        const rovereto = units.locator('tr[data-unit="CPI di Rovereto"]');
        await visible(rovereto.getByText('Viale Trento 31, Rovereto (TN)'));
        await visible(rovereto.getByRole('cell', { name: 'H612, A116', exact: true }));

        const assign = page.getByTestId('staff-form');
        await assign.getByLabel('Codice fiscale *', { exact: true }).fill(MARCO.fiscalNumber);
        await assign.getByLabel('Nome *', { exact: true }).fill(MARCO.name);
        await assign.getByLabel('Cognome *', { exact: true }).fill(MARCO.familyName);
        await assign.getByRole('button', { name: 'Assegna' }).click();
        await visible(page.getByText("Indicare almeno un'unità di competenza"));
        await assign.getByLabel('CPI di Rovereto', { exact: true }).check({ force: true });
        await assign.getByRole('button', { name: 'Assegna' }).click();
        await visible(staff.locator(`tr[data-staff="${MARCO.fiscalNumber}"]`).getByText('CPI di Rovereto'));
        await screenshot(page, 'backoffice-structures');
      },
      [/400/],
    );
    // Marco is now an operator of Rovereto's territory.
    const me = await asApi(MARCO, 'GET', '/api/admin-verification/operator/me');
    expect(me.json.units.map((u: Json) => u.descrizione)).toEqual(['CPI di Rovereto']);
  });

  it("another Region's operator does not see the Provincia's structure; the super-operator sees both", async () => {
    await asOperator(
      GIULIA,
      async (page) => {
        await page.goto(`/backoffice/strutture-regionali?ente=${trentoId}`);
        await visible(page.getByTestId('api-refusal').getByText('Struttura non trovata'));
        const options = await page.getByLabel('Struttura', { exact: true }).locator('option').allInnerTexts();
        expect(options.slice(1)).toEqual(['Regione Lombardia']);
      },
      [/404/],
    );
    const refused = await asApi(GIULIA, 'POST', `/api/admin-verification/operator/structures/${trentoId}/units`, {
      descrizione: 'CPI abusivo',
      comune: 'L378',
      indirizzo: 'Via Roma 1',
      validaDal: '2025-01-01',
    });
    expect(refused.status).toBe(404);
    const all = await asApi(LUCA, 'GET', '/api/admin-verification/operator/structures');
    expect(all.json.items.map((s: Json) => s.ragioneSociale).sort()).toEqual([
      'Provincia Autonoma di Trento',
      'Regione Lombardia',
    ]);
  });
});
