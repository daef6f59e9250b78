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
  // /dev/shm may be small on CI machines; a renderer that runs out of it crashes silently.
  '--disable-dev-shm-usage',
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
    const page = await context.newPage();
    const trail = recordTrail(page);
    try {
      return await fn(page, context);
    } catch (error) {
      throw await withDiagnostics(error, page, trail);
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

/**
 * Errors thrown by Chromium's own code, not by a page of ours: its built-in PDF viewer (an extension, shown inside an
 * <iframe> of a blob URL of our origin) asserts while it lays out a PDF's pages; its stack is in chrome:// and
 * chrome-extension:// scripts (its top frame is Chromium's).
 */
function thrownByChromium(error: Error): boolean {
  const top = (error.stack ?? '').split('\n').find((line) => /^\s+at /.test(line));
  return top !== undefined && /\((chrome|chrome-extension):\/\//.test(top);
}

/** Collects uncaught exceptions and console errors of a page, so a test can assert the page ran cleanly. */
export function collectPageErrors(page: Page, options: PageErrorOptions = {}): string[] {
  const errors: string[] = [];
  const record = (text: string) => {
    if (options.origin && new URL(page.url()).origin !== new URL(options.origin).origin) return;
    if (options.ignore?.some((pattern) => pattern.test(text))) return;
    errors.push(text);
  };
  page.on('pageerror', (error) => {
    if (!thrownByChromium(error)) record(`pageerror: ${error.message}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error') record(`console: ${message.text()}`);
  });
  return errors;
}

interface Trail {
  /** API answers ≥ 400 and requests that never got one, in order. */
  failures: string[];
  crashed: boolean;
  /** The gateway's lowest `x-ratelimit-remaining` seen by this page (the API's per-client budget). */
  rateLimitRemaining?: number;
}

function recordTrail(page: Page): Trail {
  const trail: Trail = { failures: [], crashed: false };
  page.on('response', (response) => {
    const remaining = Number(response.headers()['x-ratelimit-remaining']);
    if (Number.isFinite(remaining))
      trail.rateLimitRemaining = Math.min(trail.rateLimitRemaining ?? remaining, remaining);
    if (process.env.PROFILA_TRACE_RATELIMIT) console.log('ratelimit', remaining, response.url());
    if (response.status() < 400) return;
    const request = response.request();
    void response
      .text()
      .catch(() => '')
      .then((body) =>
        trail.failures.push(`${response.status()} ${request.method()} ${response.url()} ${body.slice(0, 300)}`),
      );
  });
  page.on('requestfailed', (request) =>
    trail.failures.push(`failed ${request.method()} ${request.url()}: ${request.failure()?.errorText ?? ''}`),
  );
  page.on('crash', () => {
    trail.crashed = true;
  });
  return trail;
}

/**
 * A failed browser step says what the user would have seen: the page's address, its alerts and headings, and the API
 * answers that went wrong, so that a failure on a CI machine can be understood from its log alone.
 */
async function withDiagnostics(error: unknown, page: Page, trail: Trail): Promise<unknown> {
  if (!(error instanceof Error)) return error;
  const lines = [`page: ${page.url()}${trail.crashed ? ' (renderer crashed)' : ''}`];
  if (trail.rateLimitRemaining !== undefined)
    lines.push(`lowest API rate-limit budget left: ${trail.rateLimitRemaining}`);
  try {
    const seen = await page.locator('[role="alert"], [role="status"], .alert, h1, .field-error').allInnerTexts();
    if (seen.length > 0) lines.push(`on screen: ${seen.map((t) => t.replace(/\s+/g, ' ').trim()).join(' | ')}`);
  } catch {
    lines.push('on screen: (page not readable)');
  }
  if (trail.failures.length > 0) lines.push(`API answers that failed:\n  ${trail.failures.slice(-10).join('\n  ')}`);
  error.message = `${error.message}\n--- browser diagnostics\n${lines.join('\n')}`;
  return error;
}
