// What the end-to-end files share: waiting for what a user sees, the dev IdP's login as a browser clicks it, the
// platform with the dev IdP listed, screenshots. One place for the timeouts, so a slower CI machine is allowed for
// everywhere at once.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EmbeddedPlatform, EmbeddedPlatformOptions, TestCitizen } from '@profila/embedded';
import { generateCodiceFiscale } from '@profila/italian';
import { DEV_SERVICE_TOKEN, SERVICE_CALLER_HEADER, SERVICE_TOKEN_HEADER, type ServiceName } from '@profila/platform';
import type { Locator, Page } from 'playwright-core';
import { devIdpLogin, type DevIdpSession } from './dev-idp-login.js';
import { startTestPlatform } from './test-platform.js';

/** How long a browser step waits for what the user should see. */
export const SEEN_WITHIN_MS = 15_000;

/** Polls `probe` until it answers something other than undefined (a throw counts as "not yet"). */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Waits until the locator is on screen. */
export async function visible(locator: Locator, timeout = SEEN_WITHIN_MS): Promise<void> {
  await locator.waitFor({ state: 'visible', timeout });
}

/** The repository's `.tmp/`, where browser tests leave their screenshots. */
export const SCREENSHOTS_DIR = fileURLToPath(new URL('../../../.tmp', import.meta.url));

/** A full-page screenshot, once the fonts are in, as `.tmp/<name>.png`. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS_DIR, { recursive: true });
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: join(SCREENSHOTS_DIR, `${name}.png`), fullPage: true });
}

/**
 * The platform with the dev IdP, once identity lists it (identity reads the dev IdP's metadata when it answers; they
 * start together), and the URL the browser uses: identity sends the browser back to PUBLIC_URL, which says localhost.
 */
export async function startPlatformWithDevIdp(
  options: Partial<EmbeddedPlatformOptions> = {},
): Promise<{ platform: EmbeddedPlatform; baseUrl: string }> {
  const platform = await startTestPlatform({ devIdp: true, ...options });
  try {
    await until('the dev IdP in the SPID list', async () => {
      const res = await fetch(`${platform.gatewayUrl}/api/identity/idps?kind=spid`);
      const idps = (await res.json()) as Array<{ name: string }>;
      return idps.some((idp) => /Dev IdP/.test(idp.name)) ? true : undefined;
    });
  } catch (error) {
    await platform.stop();
    throw error;
  }
  return { platform, baseUrl: platform.gatewayUrl.replace('127.0.0.1', 'localhost') };
}

/** On the dev IdP's page: who logs in, at which SPID level, and "Entra" (or "Annulla"). */
export async function authenticateAtDevIdp(
  page: Page,
  who: TestCitizen,
  { level = 'L2', outcome = 'Entra' }: { level?: 'L1' | 'L2' | 'L3'; outcome?: 'Entra' | 'Annulla' } = {},
): Promise<void> {
  await visible(page.getByRole('heading', { level: 1, name: 'Accesso di prova' }));
  await page.locator(`input[name="citizen"][value="${who.id}"]`).check();
  await page.locator(`input[name="level"][value="${level}"]`).check();
  await page.getByRole('button', { name: outcome, exact: true }).click();
}

/** The portal's home → "Entra con SPID" → the dev IdP in the providers' menu → `who` at level 2 → Area riservata. */
export async function loginToPortal(page: Page, baseUrl: string, who: TestCitizen): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByRole('button', { name: 'Entra con SPID' }).click();
  await page
    .getByRole('list', { name: 'Gestori di identità SPID' })
    .getByRole('link', { name: /Dev IdP/ })
    .click();
  await authenticateAtDevIdp(page, who);
  await page.waitForURL(`${baseUrl}/area-riservata`, { timeout: 20_000 });
}

/** The back office's "Accedi" page → the dev IdP in its chooser → `who` at level 2 → the back office's home. */
export async function loginToBackoffice(page: Page, baseUrl: string, who: TestCitizen): Promise<void> {
  await page.goto(`${baseUrl}/backoffice/accedi`);
  await page
    .getByRole('list', { name: 'Gestori SPID' })
    .getByRole('link', { name: /Dev IdP/ })
    .click();
  await authenticateAtDevIdp(page, who);
  await page.waitForURL(`${baseUrl}/backoffice/`, { timeout: 20_000 });
  await visible(page.locator('.it-header-slim-wrapper').getByText(who.fiscalNumber));
}

// ---------------------------------------------------------------------------------------------------------------
// Set-up and checks through the services' own APIs (what a scenario needs before its browser steps).

/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- answers are read as the
   scenario expects them */
type Json = any;

/** Calls `service` directly as a platform service (the dev service credential); a non-2xx answer throws. */
export function serviceApi(
  platform: EmbeddedPlatform,
  service: ServiceName,
): (method: string, path: string, body?: unknown) => Promise<Json> {
  return async (method, path, body) => {
    const res = await fetch(`${platform.serviceUrl(service)}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        [SERVICE_TOKEN_HEADER]: DEV_SERVICE_TOKEN,
        [SERVICE_CALLER_HEADER]: 'e2e',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${service} ${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
}

/** Calls the API through the gateway as a test citizen: the answer's status and body, whatever they are. */
export interface CitizenApi {
  (who: TestCitizen, method: string, path: string, body?: unknown): Promise<{ status: number; json: Json }>;
  /** The citizen's dev-IdP session (cookie and CSRF headers), logged in on first use and kept for the file. */
  session(who: TestCitizen): Promise<DevIdpSession>;
}

/** One dev-IdP session per citizen, kept for the file; JSON bodies with the CSRF header. */
export function citizenApi(platform: EmbeddedPlatform): CitizenApi {
  const sessions = new Map<string, Promise<DevIdpSession>>();
  const session = (who: TestCitizen) => {
    let pending = sessions.get(who.id);
    if (!pending) {
      pending = devIdpLogin(platform.gatewayUrl, { citizen: who.id });
      sessions.set(who.id, pending);
    }
    return pending;
  };
  const call = async (who: TestCitizen, method: string, path: string, body?: unknown) => {
    const headers: Record<string, string> = (await session(who)).headers();
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${platform.gatewayUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : undefined };
  };
  return Object.assign(call, { session });
}

export interface TestStructure {
  codiceFiscale: string;
  ragioneSociale: string;
  /** Sigla of the province the structure's CPI serves. */
  provincia: string;
  /** Codice catastale of the seat (structure and CPI). */
  comune: string;
  /** The CPI's name. */
  unit: string;
  indirizzo?: string;
  /** Made operator (BACKOFFICE) on the CPI. */
  operator?: TestCitizen;
}

/**
 * A Provincia / Regione as the registry holds it, entered through its own API as a service: the ente, its legal
 * representative, one CPI serving `provincia`, and optionally its operator.
 */
export async function createStructure(
  platform: EmbeddedPlatform,
  s: TestStructure,
): Promise<{ organizationId: string; unitId: string }> {
  const registry = serviceApi(platform, 'registry');
  const ente = await registry('POST', '/organizations/enti', {
    codiceFiscale: s.codiceFiscale,
    ragioneSociale: s.ragioneSociale,
    tipoEnte: 'provincia',
    provincia: s.provincia,
    comune: s.comune,
    indirizzo: s.indirizzo ?? 'Piazza Dante 15',
    email: 'lavoro@example.org',
  });
  const rappresentante = { cognome: 'Neri', nome: 'Anna', dataNascita: '1975-03-03', luogoNascita: 'L378' };
  await registry('PUT', `/organizations/${ente.id}/legal-representative`, {
    ...rappresentante,
    codiceFiscale: generateCodiceFiscale({ ...rappresentante, sesso: 'F', codiceCatastale: 'L378' }),
  });
  const unit = await registry('POST', `/organizations/${ente.id}/units`, {
    descrizione: s.unit,
    comune: s.comune,
    indirizzo: 'Via Maestra 1',
    validaDal: '2020-01-01',
    provinceServite: [s.provincia],
  });
  if (s.operator) {
    await registry('PUT', `/operators/${s.operator.fiscalNumber}/organizations/${ente.id}`, {
      nome: s.operator.name,
      cognome: s.operator.familyName,
      unitIds: [unit.id],
    });
  }
  return { organizationId: ente.id as string, unitId: unit.id as string };
}
