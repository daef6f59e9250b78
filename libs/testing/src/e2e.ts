// What the end-to-end files share: waiting for what a user sees, the dev IdP's login as a browser clicks it, the
// platform with the dev IdP listed, screenshots. One place for the timeouts, so a slower CI machine is allowed for
// everywhere at once.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EmbeddedPlatform, EmbeddedPlatformOptions, TestCitizen } from '@profila/embedded';
import type { Locator, Page } from 'playwright-core';
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
