// The citizen portal's identity flows as a citizen lives them, in Chromium against the whole platform (gateway,
// identity, delegation, dev IdP): login with SPID through the dev IdP, the reserved area's header and menu,
// Gestione anagrafica, Selezione tipologia di utente, single logout, the access error page.
// Needs the built back end and UI: `node scripts/build.mjs && npm run build:ui`.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { databaseNameOf } from '@profila/platform';
import {
  authenticateAtDevIdp as authenticate,
  collectPageErrors,
  launchBrowser,
  loginToPortal,
  screenshot,
  SCREENSHOTS_DIR,
  startPlatformWithDevIdp,
  visible,
  withPage,
} from '@profila/testing';
import { type EmbeddedPlatform, type TestCitizen, testCitizens } from '@profila/embedded';
import type { Browser, Page } from 'playwright-core';

let platform: EmbeddedPlatform;
let browser: Browser;
/** The portal as the browser sees it: identity sends the browser back to PUBLIC_URL, which says localhost. */
let baseUrl: string;

beforeAll(async () => {
  ({ platform, baseUrl } = await startPlatformWithDevIdp());
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
}, 60_000);

function citizen(id: string): TestCitizen {
  const found = testCitizens().find((c) => c.id === id);
  if (!found) throw new Error(`test citizen ${id} missing from the dev IdP's list`);
  return found;
}

function pathOf(page: Page): string {
  return new URL(page.url()).pathname;
}

/** Opens a fresh browser context on the portal and fails if any of our pages threw or logged an error meanwhile. */
async function asCitizen(fn: (page: Page) => Promise<void>, ignore: RegExp[] = []): Promise<void> {
  await withPage(
    baseUrl,
    async (page) => {
      const errors = collectPageErrors(page, { origin: baseUrl, ignore });
      await fn(page);
      expect(errors).toEqual([]);
    },
    { browser },
  );
}

/** On the dev IdP's page (another origin): the request as the SP sent it, then choose who logs in and how. */
async function authenticateAtDevIdp(page: Page, who: TestCitizen, outcome: 'Entra' | 'Annulla' = 'Entra') {
  await visible(page.getByRole('heading', { level: 1, name: 'Accesso di prova' }));
  expect(new URL(page.url()).origin).not.toBe(new URL(baseUrl).origin);
  await authenticate(page, who, { outcome });
}

/** Home → "Entra con SPID" → the dev IdP in the providers' menu → the citizen, level 2 → back in the portal. */
async function loginWithSpid(page: Page, who: TestCitizen): Promise<void> {
  await loginToPortal(page, baseUrl, who);
  await visible(page.getByRole('heading', { level: 1, name: 'Area riservata' }));
}

const header = (page: Page) => page.locator('.it-header-slim-wrapper');
const reservedMenu = (page: Page) => page.getByRole('navigation', { name: "Menu dell'area riservata" });

async function actingAs(page: Page): Promise<string> {
  return (await header(page).getByTestId('acting-as').textContent())?.trim() ?? '';
}

describe('citizen portal: identity', () => {
  it('logs in with SPID through the dev IdP and shows who is in, as whom, and the reserved menu', async () => {
    const mario = citizen('mario-rossi');
    await asCitizen(async (page) => {
      await page.goto('/');
      // The official-looking SPID button opens the list of identity providers, each starting a login.
      await page.getByRole('button', { name: 'Entra con SPID' }).click();
      const idpMenu = page.getByRole('list', { name: 'Gestori di identità SPID' });
      const devIdp = idpMenu.getByRole('link', { name: /Dev IdP/ });
      await visible(devIdp);
      const href = new URL((await devIdp.getAttribute('href'))!, baseUrl);
      expect(href.pathname).toBe('/api/identity/login');
      expect(href.searchParams.get('kind')).toBe('spid');
      expect(href.searchParams.get('idp')).toBeTruthy();
      expect(href.searchParams.get('returnTo')).toBe('/area-riservata');
      await visible(page.getByRole('link', { name: 'Non hai SPID?' }));
      await screenshot(page, 'identity-spid-menu');

      await devIdp.click();
      await authenticateAtDevIdp(page, mario);
      await page.waitForURL(`${baseUrl}/area-riservata`, { timeout: 15_000 });

      // Top right: Nome Cognome, codice fiscale, and the personal account as the current user type.
      await visible(header(page).getByText('Mario Rossi'));
      await visible(header(page).getByText(mario.fiscalNumber));
      expect(await actingAs(page)).toBe('Utente privato');
      await visible(page.getByText('Benvenuto, Mario Rossi.'));

      // The menu of the Servizi Lavoro manual, beside the page and behind the name in the header.
      for (const item of ['Gestione anagrafica', 'Gestione profili', 'Gestione deleghe', 'Vai alla home dei servizi']) {
        await visible(reservedMenu(page).getByRole('link', { name: item }));
      }
      await visible(reservedMenu(page).getByRole('button', { name: 'Logout' }));
      await screenshot(page, 'identity-reserved-area');
      await header(page)
        .getByRole('button', { name: /Mario Rossi/ })
        .click();
      const headerMenu = header(page).getByRole('list', { name: "Menu dell'area riservata" });
      for (const item of ['Gestione anagrafica', 'Gestione profili', 'Gestione deleghe', 'Vai alla home dei servizi']) {
        await visible(headerMenu.getByRole('link', { name: item }));
      }
      await visible(headerMenu.getByRole('button', { name: 'Logout' }));
      await page.screenshot({ path: join(SCREENSHOTS_DIR, 'identity-header-menu.png') });
      await headerMenu.getByRole('link', { name: 'Gestione deleghe' }).click();
      await visible(page.getByRole('heading', { level: 1, name: 'Gestione deleghe' }));
      // Lista delegati, empty for a citizen who has delegated nobody (the delega flow itself: delegation-web.e2e).
      await visible(page.getByText('Nessun soggetto delegato per i tuoi profili.'));

      // The session cookie is out of the scripts' reach; the CSRF companion is readable.
      const cookies = await page.context().cookies(baseUrl);
      expect(cookies.find((c) => c.name === 'profila_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
      expect(cookies.find((c) => c.name === 'profila_csrf')).toMatchObject({ httpOnly: false });

      // A new page load still knows who is in (the session lives on the server).
      await page.goto('/area-riservata/deleghe');
      await visible(header(page).getByText(mario.fiscalNumber));
    });
  });

  it('Gestione anagrafica: IdP data read-only; a bad PEC is refused next to the field, a good one is saved', async () => {
    const giulia = citizen('giulia-bianchi');
    await asCitizen(
      async (page) => {
        await loginWithSpid(page, giulia);
        await reservedMenu(page).getByRole('link', { name: 'Gestione anagrafica' }).click();
        await visible(page.getByRole('heading', { level: 1, name: 'Gestione anagrafica' }));
        expect(pathOf(page)).toBe('/area-riservata/anagrafica');

        // The four panels, the IdP's data precompiled and not editable, with the note to fix them at the IdP.
        for (const panel of ['Anagrafica', 'Domicilio', 'Recapiti', 'Altri dati']) {
          await visible(page.getByRole('group', { name: panel }));
        }
        await visible(page.getByText(/I dati forniti dal gestore dell'identità digitale non sono modificabili/));
        const readOnly = { Cognome: 'Bianchi', Nome: 'Giulia', 'Codice fiscale': giulia.fiscalNumber };
        for (const [label, value] of Object.entries(readOnly)) {
          const field = page.getByLabel(label, { exact: true });
          expect(await field.inputValue()).toBe(value);
          expect(await field.isEditable()).toBe(false);
        }
        expect(await page.getByLabel('Data di nascita').inputValue()).toBe('15/07/1992');
        expect(await page.getByLabel('E-mail').inputValue()).toBe(giulia.email);
        expect(await page.getByLabel('E-mail').isEditable()).toBe(false);
        const pec = page.getByLabel('PEC', { exact: true });
        expect(await pec.isEditable()).toBe(true);
        const telefono = page.getByLabel('Telefono');
        const pecBefore = await pec.inputValue();
        const telefonoBefore = await telefono.inputValue();
        await screenshot(page, 'identity-anagrafica');

        // A malformed PEC: the message sits by the field, the focus goes there, nothing is saved (not even the
        // valid telephone number sent with it).
        await pec.fill('giulia.bianchi-at-pec');
        await telefono.fill('+390299999999');
        await page.getByRole('button', { name: 'Salva' }).click();
        const pecError = page.locator('#pec-errore');
        await visible(pecError);
        expect(await pecError.textContent()).toBe('Indirizzo PEC non valido');
        expect(await pec.getAttribute('aria-invalid')).toBe('true');
        expect(await pec.getAttribute('aria-describedby')).toContain('pec-errore');
        expect(await page.evaluate(() => document.activeElement?.id)).toBe('pec');
        expect(await page.getByText('Dati salvati correttamente').count()).toBe(0);
        await screenshot(page, 'identity-anagrafica-errore');
        await page.reload();
        await visible(page.getByRole('group', { name: 'Recapiti' }));
        expect(await pec.inputValue()).toBe(pecBefore);
        expect(await telefono.inputValue()).toBe(telefonoBefore);

        // Valid values: confirmation, and they are there after a reload.
        await pec.fill('giulia.bianchi@pec.example.it');
        await telefono.fill('+39 02 1234 5678');
        await page.getByLabel('Cittadinanza').selectOption({ label: 'Italia' });
        await page.getByLabel('Titolo di studio').selectOption({ label: 'Laurea triennale' });
        await page.getByRole('button', { name: 'Salva' }).click();
        await visible(page.getByRole('status').getByText('Dati salvati correttamente'));
        expect(await page.locator('.field-error').count()).toBe(0);
        await screenshot(page, 'identity-anagrafica-salvata');
        await page.reload();
        await visible(page.getByRole('group', { name: 'Recapiti' }));
        expect(await pec.inputValue()).toBe('giulia.bianchi@pec.example.it');
        expect(await telefono.inputValue()).toBe('+390212345678');
        expect(
          await page.getByLabel('Cittadinanza').evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.text),
        ).toBe('Italia');
        expect(
          await page.getByLabel('Titolo di studio').evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.text),
        ).toBe('Laurea triennale');
        // The IdP's data did not move.
        expect(await page.getByLabel('Cognome', { exact: true }).inputValue()).toBe('Bianchi');
      },
      // Chromium logs the refused save's HTTP 400; the page itself shows it as a field error.
      [/status of 400/],
    );
  });

  it('Selezione tipologia di utente: explains the empty list, then switches to an organisation and back', async () => {
    const luca = citizen('luca-esposito');
    const organization = {
      id: randomUUID(),
      ragioneSociale: 'Esposito Costruzioni S.r.l.',
      codiceFiscale: '07643520567',
    };
    await asCitizen(async (page) => {
      await loginWithSpid(page, luca);
      await reservedMenu(page).getByRole('link', { name: 'Gestione profili' }).click();
      await visible(page.getByRole('heading', { level: 1, name: 'Selezione tipologia di utente' }));
      // Nothing to act for yet: only the personal account, and why.
      await visible(page.getByText('Nessun account aziendale collegato'));
      expect(await page.getByLabel('Utente privato').isChecked()).toBe(true);
      await screenshot(page, 'identity-profili-vuoto');

      // Delegation's read model now says Luca administers a company.
      const client = new pg.Client({ connectionString: platform.postgres.url(databaseNameOf('delegation')) });
      await client.connect();
      try {
        await client.query(
          `INSERT INTO access_right (organization_id, ragione_sociale, codice_fiscale_org, citizen_cf, roles, source)
           VALUES ($1, $2, $3, $4, $5, 'e2e')`,
          [
            organization.id,
            organization.ragioneSociale,
            organization.codiceFiscale,
            luca.fiscalNumber,
            ['AMMINISTRATORE'],
          ],
        );
      } finally {
        await client.end();
      }
      await page.reload();
      const company = page.getByLabel(organization.ragioneSociale);
      await visible(page.locator('label', { hasText: organization.ragioneSociale }));
      expect(await company.isChecked()).toBe(false);
      await visible(page.getByText(`Codice fiscale ${organization.codiceFiscale}`));
      expect(await page.getByText('Nessun account aziendale collegato').count()).toBe(0);

      await page.locator('label', { hasText: organization.ragioneSociale }).click();
      await page.getByRole('button', { name: 'Conferma' }).click();
      await visible(page.getByRole('status').getByText(`Ora stai operando come: ${organization.ragioneSociale}`));
      expect(await actingAs(page)).toBe(organization.ragioneSociale);
      await screenshot(page, 'identity-profili-azienda');

      // The choice lives in the session: another page load still acts for the company.
      await page.goto('/area-riservata');
      await visible(header(page).getByText(luca.fiscalNumber));
      expect(await actingAs(page)).toBe(organization.ragioneSociale);
      await visible(page.locator('main').getByText(organization.ragioneSociale));

      // And back to the personal account.
      await page.goto('/area-riservata/profili');
      await visible(page.locator('label', { hasText: 'Utente privato' }));
      expect(await page.getByLabel(organization.ragioneSociale).isChecked()).toBe(true);
      await page.locator('label', { hasText: 'Utente privato' }).click();
      await page.getByRole('button', { name: 'Conferma' }).click();
      await visible(page.getByRole('status').getByText('Ora stai operando come: Utente privato'));
      expect(await actingAs(page)).toBe('Utente privato');
    });
  });

  it('Logout ends the portal and IdP sessions: "Sei uscito", and the reserved area sends back home', async () => {
    const who = testCitizens()[3];
    await asCitizen(async (page) => {
      await loginWithSpid(page, who);
      await visible(header(page).getByText(who.fiscalNumber));
      await reservedMenu(page).getByRole('button', { name: 'Logout' }).click();
      // Through the IdP's single logout and back.
      await page.waitForURL(`${baseUrl}/uscita`, { timeout: 15_000 });
      await visible(page.getByRole('heading', { level: 1, name: "Sei uscito dall'area riservata" }));
      await visible(header(page).getByRole('link', { name: "Accedi all'area personale" }));
      expect(await header(page).getByText(who.fiscalNumber).count()).toBe(0);
      await screenshot(page, 'identity-uscita');

      // The session is over on the server too.
      expect((await page.request.get('/api/identity/me')).status()).toBe(401);
      await page.goto('/area-riservata/anagrafica');
      await page.waitForURL(`${baseUrl}/`);
      await visible(page.getByText("Per usare l'area riservata accedi con la tua identità digitale"));
      await visible(page.getByRole('button', { name: 'Entra con SPID' }));
    });
  });

  it('a login cancelled at the identity provider ends on the Italian error page (403), with "Riprova"', async () => {
    const who = citizen('mario-rossi');
    await asCitizen(
      async (page) => {
        // CIE: its own chooser page, listing the providers of that kind.
        await page.goto('/');
        await page.getByRole('link', { name: 'Entra con CIE' }).click();
        await visible(page.getByRole('heading', { level: 1, name: 'Entra con CIE' }));
        expect(pathOf(page)).toBe('/accedi');
        const devIdp = page.getByRole('list', { name: 'Gestori CIE' }).getByRole('link', { name: /Dev IdP/ });
        expect(new URL((await devIdp.getAttribute('href'))!, baseUrl).searchParams.get('kind')).toBe('cie');
        await devIdp.click();
        // The refusal is answered by identity itself at the ACS, with a 4xx status and the Italian page of the anomaly.
        const acsAnswer = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/identity/saml/acs');
        await authenticateAtDevIdp(page, who, 'Annulla');
        expect((await acsAnswer).status()).toBe(403);

        await visible(page.getByRole('heading', { level: 1, name: 'Accesso non riuscito' }));
        const alert = page.getByRole('alert');
        await visible(alert);
        expect((await alert.textContent())?.length).toBeGreaterThan(20);
        await screenshot(page, 'identity-errore-accesso');
        expect((await page.request.get('/api/identity/me')).status()).toBe(401);
        await page.getByRole('link', { name: 'Riprova' }).click();
        await visible(page.getByRole('heading', { level: 1, name: 'Come accedere' }));
        // The browser logs the ACS's 403 itself: it is the answer this test expects.
      },
      [/status of 403/],
    );
  });
});
