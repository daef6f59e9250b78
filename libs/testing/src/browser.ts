// Real-browser harness for the e2e tests: playwright-core driving Debian's Chromium (Playwright's own browser
// download is unreachable here). Install it with `apt-get install -y chromium`, or point CHROMIUM_PATH elsewhere.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}: run "apt-get install -y chromium" or set CHROMIUM_PATH`);
  }
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}

export interface WithPageOptions {
  /** Reuse a browser launched once per test file; without it one is launched and closed around `fn`. */
  browser?: Browser;
  viewport?: { width: number; height: number };
}

/**
 * Runs `fn` with a page in a fresh context (no cookies, no storage) whose relative URLs resolve against `baseUrl`,
 * Italian locale and Rome time zone, then closes the context, and the browser if this call launched it.
 */
export async function withPage<T>(
  baseUrl: string,
  fn: (page: Page, context: BrowserContext) => Promise<T>,
  options: WithPageOptions = {},
): Promise<T> {
  const browser = options.browser ?? (await launchBrowser());
  try {
    const context = await browser.newContext({
      baseURL: baseUrl,
      locale: 'it-IT',
      timezoneId: 'Europe/Rome',
      viewport: options.viewport ?? { width: 1280, height: 900 },
    });
    try {
      return await fn(await context.newPage(), context);
    } finally {
      await context.close();
    }
  } finally {
    if (!options.browser) await browser.close();
  }
}

export interface PageErrorOptions {
  /** Only count errors raised while the page is on this origin (a flow that visits an identity provider). */
  origin?: string;
  /** Messages a test provokes on purpose (e.g. the 400 of a rejected form is logged by Chromium). */
  ignore?: RegExp[];
}

/** Collects uncaught exceptions and console errors of a page, so a test can assert the page ran cleanly. */
export function collectPageErrors(page: Page, options: PageErrorOptions = {}): string[] {
  const errors: string[] = [];
  const record = (text: string) => {
    if (options.origin && new URL(page.url()).origin !== new URL(options.origin).origin) return;
    if (options.ignore?.some((pattern) => pattern.test(text))) return;
    errors.push(text);
  };
  page.on('pageerror', (error) => record(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') record(`console: ${message.text()}`);
  });
  return errors;
}
