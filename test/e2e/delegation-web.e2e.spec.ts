// "Gestione deleghe" as two citizens live it, in Chromium against the whole platform (one boot): A logs in with SPID
// through the dev IdP, registers a company and associates it with a declaration signed by a CA that document-store
// trusts (registry's real API through the gateway), then delegates B from the portal. B finds the delega in attesa,
// accepts it, acts for the company; A modifies the dates and B accepts; A revokes and B's next request acting for the
// company is refused. Along the way: a refusal without reason is blocked, a retroactive start is refused, a citizen
// who never logged in is not found, and each step's mail reaches the mail catcher.
// Needs the built back end and UI: `node scripts/build.mjs && npm run build:ui`.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type EmbeddedPlatform, type TestCitizen, testCitizen } from '@profila/embedded';
import {
  collectPageErrors,
  createTestCa,
  issueSignerCertificate,
  launchBrowser,
  loginToPortal,
  screenshot,
  signPades,
  startPlatformWithDevIdp,
  type TestSigner,
  toPemBundle,
  until,
  visible,
} from '@profila/testing';

const A = testCitizen('mario-rossi');
const B = testCitizen('giulia-bianchi');
const NEVER = testCitizen('luca-esposito'); // never logs in on this platform
const COMPANY = 'Rossi Deleghe Prova S.r.l.';

let platform: EmbeddedPlatform;
let browser: Browser;
let baseUrl: string;
let signer: TestSigner;

const rome = (offsetDays = 0) => {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  return d.toLocaleDateString('sv-SE', { timeZone: 'Europe/Rome' });
};
const italian = (iso: string) => iso.split('-').reverse().join('-');

const mailTo = (who: TestCitizen, subject: string) =>
  platform.mail.waitFor((m) => m.to.includes(who.email) && m.subject === subject, 20_000);

/** A browser of its own (cookies, session) logged in with SPID through the dev IdP. */
async function loggedIn(who: TestCitizen): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'it-IT' });
  const page = await context.newPage();
  const errors = collectPageErrors(page, { origin: baseUrl, ignore: [/status of 4\d\d/] });
  await loginToPortal(page, baseUrl, who);
  return { context, page, errors };
}

/** A call to the API as the browser of `context` makes it (its cookies, the CSRF header on unsafe requests). */
async function api(context: BrowserContext, method: 'GET' | 'POST' | 'PUT', path: string, data?: unknown) {
  const csrf = (await context.cookies()).find((c) => c.name === 'profila_csrf')?.value ?? '';
  const res = await context.request.fetch(`${baseUrl}${path}`, {
    method,
    headers: method === 'GET' ? {} : { 'x-csrf-token': csrf },
    data,
  });
  return { status: res.status(), json: (await res.json().catch(() => undefined)) as Record<string, unknown> };
}

const actingAs = async (page: Page) =>
  (await page.locator('.it-header-slim-wrapper').getByTestId('acting-as').textContent())?.trim() ?? '';

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'profila-delegation-e2e-'));
  const ca = createTestCa();
  signer = issueSignerCertificate(ca, { givenName: A.name, surname: A.familyName, codiceFiscale: A.fiscalNumber });
  const trustFile = join(dir, 'trust.pem');
  await writeFile(trustFile, toPemBundle([ca]));
  ({ platform, baseUrl } = await startPlatformWithDevIdp({ env: { TRUST_LIST_FILE: trustFile } }));
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
}, 60_000);

it('A delegates B for a company; B accepts and acts for it; A modifies, B accepts; A revokes and B is refused', async () => {
  const a = await loggedIn(A);
  const b = await loggedIn(B);

  // A registers a company and associates it with the declaration signed by a certificate of the trusted CA.
  const registered = await api(a.context, 'POST', '/api/registry/organizations/italiane', {
    codiceFiscale: '01933560227',
    ragioneSociale: COMPANY,
    settoreEconomico: 'C',
    provincia: 'TN',
    comune: 'L378',
    cap: '38122',
    indirizzo: 'Via del Lavoro 12',
    email: 'info@rossideleghe.it',
    pec: 'rossideleghe@pec.it',
    telefono: '0461 123456',
    tipiSoggettoAbilitato: ['datore-di-lavoro-privato'],
  });
  expect(registered.status).toBe(201);
  const orgId = registered.json.id as string;
  const csrf = (await a.context.cookies()).find((c) => c.name === 'profila_csrf')!.value;
  const declaration = await a.context.request.post(
    `${baseUrl}/api/registry/organizations/${orgId}/association/declaration`,
    {
      headers: { 'x-csrf-token': csrf },
      data: { nome: A.name, cognome: A.familyName, dataNascita: A.dateOfBirth, luogoNascita: A.placeOfBirth },
    },
  );
  expect(declaration.status()).toBe(200);
  const signed = await signPades(new Uint8Array(await declaration.body()), signer);
  const associated = await a.context.request.post(`${baseUrl}/api/registry/organizations/${orgId}/association`, {
    headers: { 'x-csrf-token': csrf },
    multipart: {
      requestCode: declaration.headers()['x-profila-request-code'],
      dichiarazione: 'true',
      file: { name: 'dichiarazione.pdf', mimeType: 'application/pdf', buffer: Buffer.from(signed) },
    },
  });
  expect(associated.status()).toBe(201);

  // --- Aggiungi delega (A)
  const pa = a.page;
  await pa.goto('/area-riservata/deleghe');
  await visible(pa.getByRole('heading', { level: 1, name: 'Gestione deleghe' }));
  await visible(pa.getByText('Nessun soggetto delegato per i tuoi profili.'));
  await pa.getByRole('link', { name: 'Aggiungi delega' }).click();
  await visible(pa.getByRole('heading', { level: 2, name: 'Aggiungi delega' }));
  expect(await pa.getByLabel('Data inizio*').inputValue()).toBe(rome()); // pre-filled with today

  // Ricerca profilo: the company, once registry's events have reached delegation.
  await until('the company among the delegable profiles', async () => {
    await pa.getByRole('button', { name: 'Ricerca profilo' }).click();
    const dialog = pa.getByRole('dialog', { name: 'Seleziona Profilo' });
    await visible(dialog);
    const pick = dialog.getByRole('button', { name: `Seleziona ${COMPANY}` });
    if (await pick.isVisible({ timeout: 2000 }).catch(() => false)) {
      await pick.click();
      return true;
    }
    await dialog.getByRole('button', { name: 'Chiudi finestra' }).click();
    return undefined;
  });
  expect(await pa.getByLabel('Profilo*').inputValue()).toContain(COMPANY);

  // Ricerca destinatario: a citizen who never logged in is not found; B is.
  await pa.getByRole('button', { name: 'Ricerca destinatario' }).click();
  const recipients = pa.getByRole('dialog', { name: 'Seleziona Destinatario' });
  await recipients.getByLabel('Codice fiscale del destinatario').fill(NEVER.fiscalNumber);
  await recipients.getByRole('button', { name: 'Ricerca destinatari' }).click();
  await visible(recipients.getByText('Nessun destinatario trovato'));
  await recipients.getByLabel('Codice fiscale del destinatario').fill(B.fiscalNumber.slice(0, 6));
  await recipients.getByRole('button', { name: 'Ricerca destinatari' }).click();
  await recipients.getByRole('button', { name: `Seleziona ${B.fiscalNumber}` }).click();
  expect(await pa.getByLabel('Destinatario*').inputValue()).toContain(B.fiscalNumber);

  // A retroactive start is refused, under its field.
  await pa.getByLabel('Data inizio*').fill(rome(-1));
  await pa.getByLabel('Data scadenza*').fill(rome(30));
  await pa.getByRole('button', { name: 'Salva' }).click();
  await visible(pa.locator('#data-inizio-errore').getByText(/non è possibile inserire deleghe retroattive/i));
  await pa.getByLabel('Data inizio*').fill(rome());
  await pa.getByRole('button', { name: 'Salva' }).click();
  await visible(pa.getByRole('status').getByText("L'assegnazione della delega è avvenuta correttamente"));
  await screenshot(pa, 'deleghe-aggiungi');
  const received = await mailTo(B, 'Hai ricevuto una delega');
  expect(received.text).toContain(`ti ha delegato a operare per ${COMPANY}`);

  // --- Deleghe ricevute in attesa (B): a refusal needs a reason; then B accepts.
  const pb = b.page;
  await pb.goto('/area-riservata/deleghe/ricevute-in-attesa');
  const row = pb.getByRole('row', { name: new RegExp(COMPANY) });
  await visible(row);
  await visible(row.getByRole('cell', { name: 'Inserimento' }));
  await row.getByRole('button', { name: /^Rifiuta/ }).click();
  const refuse = pb.getByRole('dialog', { name: 'Rifiuta delega' });
  await refuse.getByRole('button', { name: 'Rifiuta', exact: true }).click();
  await visible(refuse.getByText('Il motivo del rifiuto è obbligatorio'));
  await refuse.getByRole('button', { name: 'Annulla' }).click();
  await visible(row);
  await screenshot(pb, 'deleghe-in-attesa');
  await row.getByRole('button', { name: /^Accetta/ }).click();
  const confirm = pb.getByRole('dialog', { name: 'Conferma accettazione' });
  await confirm.getByRole('button', { name: 'Conferma' }).click();
  await visible(pb.getByRole('status').getByText(`Hai accettato la delega per ${COMPANY}`));
  await visible(pb.getByText('Nessuna delega in attesa di accettazione.'));
  expect((await mailTo(A, 'Delega accettata')).text).toContain(`ha accettato la delega per ${COMPANY}`);
  await pb.getByRole('link', { name: 'Deleghe ricevute', exact: true }).click();
  await visible(pb.getByRole('row', { name: new RegExp(`${COMPANY}.*${italian(rome(30))}.*Completata`) }));

  // B acts for the company ("Selezione tipologia di utente").
  await pb.goto('/area-riservata/profili');
  await pb.locator('label', { hasText: COMPANY }).click();
  await pb.getByRole('button', { name: 'Conferma' }).click();
  await visible(pb.getByRole('status').getByText(`Ora stai operando come: ${COMPANY}`));
  expect(await actingAs(pb)).toBe(COMPANY);

  // --- Modifica (A): new dates that B accepts; the old ones hold meanwhile.
  await pa.goto('/area-riservata/deleghe');
  await pa.getByRole('link', { name: `Modifica delega di ${B.name} ${B.familyName}` }).click();
  await pa.getByRole('button', { name: 'Modifica', exact: true }).click();
  const modify = pa.getByRole('dialog', { name: 'Modifica delega' });
  await modify.getByLabel('Data scadenza*').fill(rome(60));
  await modify.getByRole('button', { name: 'Salva' }).click();
  await visible(pa.getByRole('status').getByText(/richiesta di modifica è stata inviata/));
  expect((await mailTo(B, 'Richiesta di modifica di una delega')).text).toContain(italian(rome(60)));
  await pb.goto('/area-riservata/deleghe/ricevute-in-attesa');
  const change = pb.getByRole('row', { name: new RegExp(`Modifica.*${italian(rome(60))}`) });
  await change.getByRole('button', { name: /^Accetta/ }).click();
  await pb.getByRole('dialog', { name: 'Conferma accettazione' }).getByRole('button', { name: 'Conferma' }).click();
  await visible(pb.getByRole('status').getByText('Hai accettato la modifica della delega.'));
  expect((await mailTo(A, 'Modifica della delega accettata')).text).toContain(italian(rome(60)));

  // --- Revoca (A): at once; B's next request acting for the company is refused.
  await pa.reload();
  await pa.getByRole('button', { name: 'Revoca', exact: true }).click();
  await pa.getByRole('dialog', { name: 'Revoca delega' }).getByRole('button', { name: 'Revoca' }).click();
  await visible(pa.getByRole('status').getByText('La delega è stata revocata.'));
  const revokedAt = Date.now();
  await mailTo(B, 'Delega revocata');
  await mailTo(A, 'Delega revocata');
  const check = await api(b.context, 'GET', `/api/delegation/v1/access-rights/me/check?organizationId=${orgId}`);
  expect(check.json).toEqual({ allowed: false, grant: null });
  const me = await until('the acting-as ended', async () => {
    const res = await api(b.context, 'GET', '/api/identity/me');
    return res.json.actingFor === null ? res : undefined;
  });
  expect(me.status).toBe(200);
  expect(Date.now() - revokedAt).toBeLessThan(5000);
  const again = await api(b.context, 'PUT', '/api/identity/me/acting-as', { organizationId: orgId });
  expect(again.status).toBe(403);
  await pb.goto('/area-riservata');
  await visible(pb.locator('.it-header-slim-wrapper').getByText(B.fiscalNumber));
  expect(await actingAs(pb)).toBe('Utente privato');

  // --- Tracciamento deleghe inviate (A): every request with its state.
  await pa.goto('/area-riservata/deleghe/inviate');
  await visible(pa.getByRole('row', { name: /Revoca.*Completata/ }));
  await visible(pa.getByRole('row', { name: new RegExp(`Modifica.*${italian(rome(60))}.*Revocata`) }));
  await visible(pa.getByRole('row', { name: new RegExp(`Inserimento.*${italian(rome(30))}.*Revocata`) }));
  await visible(pa.getByText('Vista da 1 a 3 di 3 elementi'));
  await screenshot(pa, 'deleghe-inviate');

  // --- A new delega that B refuses in another window while this one is confirming it: the dialog shows the
  // service's refusal and stays open.
  const created = await api(a.context, 'POST', '/api/delegation/delegations', {
    codiceFiscaleDelegato: B.fiscalNumber,
    organizationId: orgId,
    dataInizio: rome(),
    dataScadenza: rome(20),
  });
  expect(created.status).toBe(201);
  const refusedId = (created.json.delega as { id: string }).id;
  await pb.goto('/area-riservata/deleghe/ricevute-in-attesa');
  await pb
    .getByRole('row', { name: new RegExp(COMPANY) })
    .getByRole('button', { name: /^Accetta/ })
    .click();
  const confirming = pb.getByRole('dialog', { name: 'Conferma accettazione' });
  await visible(confirming);
  const elsewhere = await api(b.context, 'POST', `/api/delegation/delegations/${refusedId}/refuse`, {
    motivo: 'Rifiutata da un altro dispositivo',
  });
  expect(elsewhere.status).toBe(200);
  const [refused] = await Promise.all([
    pb.waitForResponse((r) => r.url().endsWith(`/delegations/${refusedId}/accept`), { timeout: 20_000 }),
    confirming.getByRole('button', { name: 'Conferma' }).click(),
  ]);
  expect(refused.status()).toBe(409);
  const { message } = (await refused.json()) as { message: string };
  await visible(confirming.getByRole('alert').getByText(message));
  expect(await confirming.getByRole('button', { name: 'Conferma' }).isEnabled()).toBe(true);
  await confirming.getByRole('button', { name: 'Annulla' }).click();

  expect(a.errors).toEqual([]);
  expect(b.errors).toEqual([]);
  await a.context.close();
  await b.context.close();
}, 240_000);
