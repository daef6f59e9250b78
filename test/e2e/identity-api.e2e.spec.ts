// A real SPID-style login on the whole embedded platform, the way a browser does it: the gateway, identity, the dev
// IdP process (signed AuthnRequest → login page → signed Response auto-posted to our ACS), cookies, then the
// reserved-area API through the gateway with the session cookie, CSRF double submit, and logout.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EmbeddedPlatform, testCitizen } from '@profila/embedded';
import { startTestPlatform } from '@profila/testing';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** The little of a browser we need: a cookie jar, manual redirects, HTML forms read with regular expressions. */
class Browser {
  readonly cookies = new Map<string, string>();

  constructor(private readonly origin: string) {}

  cookieHeader(url: string): Record<string, string> {
    // Only our own origin's cookies (the dev IdP runs on another port: another site for cookies, same host).
    if (!url.startsWith(this.origin) && !url.startsWith(this.origin.replace('127.0.0.1', 'localhost'))) return {};
    return this.cookies.size > 0
      ? { cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ') }
      : {};
  }

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...this.cookieHeader(url), ...(init.headers as Record<string, string>) },
    });
    if (url.startsWith(this.origin) || url.startsWith(this.origin.replace('127.0.0.1', 'localhost'))) {
      for (const line of res.headers.getSetCookie()) {
        const [pair, ...attrs] = line.split(';');
        const i = pair.indexOf('=');
        const name = pair.slice(0, i).trim();
        const value = pair.slice(i + 1).trim();
        if (attrs.some((a) => /max-age=0/i.test(a)) || value === '') this.cookies.delete(name);
        else this.cookies.set(name, value);
      }
    }
    return res;
  }

  /** Follows redirects (GET) until a page; returns its final URL and HTML. */
  async follow(url: string, init: RequestInit = {}): Promise<{ url: string; status: number; html: string }> {
    let res = await this.fetch(url, init);
    let current = url;
    for (let hops = 0; res.status >= 300 && res.status < 400 && hops < 10; hops++) {
      current = new URL(res.headers.get('location')!, current).toString();
      res = await this.fetch(current);
    }
    return { url: current, status: res.status, html: await res.text() };
  }

  /** Submits the page's first form (as the auto-submitting SAML pages do). */
  async submitForm(html: string, pageUrl: string, extra: Record<string, string> = {}) {
    const action = new URL(decode(/<form[^>]*action="([^"]+)"/.exec(html)![1]), pageUrl).toString();
    const fields: Record<string, string> = {};
    for (const m of html.matchAll(/<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) {
      fields[decode(m[1])] = decode(m[2]);
    }
    return this.fetch(action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...fields, ...extra }).toString(),
    });
  }
}

function decode(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

describe('login with the dev IdP through the gateway', () => {
  let platform: EmbeddedPlatform;
  let gateway: string;
  let devIdpEntityId: string;

  beforeAll(async () => {
    const identityData = await mkdtemp(join(tmpdir(), 'profila-e2e-identity-'));
    platform = await startTestPlatform({ devIdp: true, env: { IDENTITY_DATA_DIR: identityData } });
    gateway = platform.gatewayUrl;
    // identity may have started before the dev IdP: it retries the metadata until it loads.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const idps = (await (await fetch(`${gateway}/api/identity/idps?kind=spid`)).json()) as Json[];
      const dev = idps.find((i) => i.name === 'Dev IdP (ambiente di prova)');
      if (dev) {
        devIdpEntityId = dev.entityId as string;
        break;
      }
      if (Date.now() > deadline) throw new Error('the dev IdP never appeared in /api/identity/idps');
      await new Promise((r) => setTimeout(r, 500));
    }
  }, 180_000);

  afterAll(async () => {
    await platform?.stop();
  }, 60_000);

  async function logIn(browser: Browser, citizenId: string) {
    const loginUrl = `${gateway}/api/identity/login?kind=spid&level=2&idp=${encodeURIComponent(devIdpEntityId)}&returnTo=/area-riservata`;
    const page = await browser.follow(loginUrl);
    expect(page.status).toBe(200);
    expect(page.url.startsWith(devIdpEntityId)).toBe(true);
    expect(page.html).toContain(testCitizen(citizenId).fiscalNumber);
    // The dev IdP's login form: pick a test citizen and the level.
    const answer = await browser.submitForm(page.html, page.url, { outcome: 'login', citizen: citizenId, level: 'L2' });
    expect(answer.status).toBe(200);
    const autoPost = await answer.text();
    const acs = await browser.submitForm(autoPost, answer.url || devIdpEntityId);
    expect(acs.status).toBe(303);
    return acs;
  }

  it('logs a test citizen in, serves /me with the cookie, enforces CSRF, and logs out', async () => {
    const mario = testCitizen('mario-rossi');
    const browser = new Browser(gateway);
    const acs = await logIn(browser, 'mario-rossi');
    expect(new URL(acs.headers.get('location')!).pathname).toBe('/area-riservata');
    expect(browser.cookies.get('profila_session')).toBeTruthy();
    expect(browser.cookies.get('profila_csrf')).toBeTruthy();

    const me = await browser.fetch(`${gateway}/api/identity/me`);
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({
      codiceFiscale: mario.fiscalNumber,
      nome: 'Mario',
      cognome: 'Rossi',
      spidLevel: 2,
      idp: devIdpEntityId,
      actingFor: null,
    });

    const update = JSON.stringify({ telefono: '+390612345678', titoloStudio: 'DIPLOMA' });
    const withoutCsrf = await browser.fetch(`${gateway}/api/identity/me/anagrafica`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: update,
    });
    expect(withoutCsrf.status).toBe(403);
    const withCsrf = await browser.fetch(`${gateway}/api/identity/me/anagrafica`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'x-csrf-token': browser.cookies.get('profila_csrf')! },
      body: update,
    });
    expect(withCsrf.status).toBe(200);
    expect((await withCsrf.json()).recapiti.telefono).toBe('+390612345678');
    const anagrafica = await (await browser.fetch(`${gateway}/api/identity/me/anagrafica`)).json();
    expect(anagrafica.anagrafica).toMatchObject({ codiceFiscale: mario.fiscalNumber, dataNascita: '1980-01-01' });
    expect(anagrafica.altriDati.titoloStudio).toBe('DIPLOMA');

    const sessionCookie = browser.cookies.get('profila_session')!;
    const logout = await browser.fetch(`${gateway}/api/identity/logout`, {
      method: 'POST',
      headers: { 'x-csrf-token': browser.cookies.get('profila_csrf')! },
    });
    expect(logout.status).toBe(200);
    const { redirectUrl } = (await logout.json()) as { redirectUrl: string };
    expect(redirectUrl.startsWith(devIdpEntityId)).toBe(true);
    expect(browser.cookies.has('profila_session')).toBe(false);

    // The old cookie no longer works (the gateway forgot it at logout).
    const after = await fetch(`${gateway}/api/identity/me`, {
      headers: { cookie: `profila_session=${sessionCookie}` },
    });
    expect(after.status).toBe(401);

    // The IdP ends its own session and sends the browser back to our SLO, which lands on /uscita.
    const slo = await browser.follow(redirectUrl);
    const back = await browser.submitForm(slo.html, slo.url);
    expect(back.status).toBe(303);
    expect(new URL(back.headers.get('location')!).pathname).toBe('/uscita');
  });

  it('a cancelled login at the IdP is answered 403 with the Italian page and no session', async () => {
    const browser = new Browser(gateway);
    const page = await browser.follow(
      `${gateway}/api/identity/login?kind=cie&idp=${encodeURIComponent(devIdpEntityId)}`,
    );
    const answer = await browser.submitForm(page.html, page.url, { outcome: 'cancel' });
    const acs = await browser.submitForm(await answer.text(), page.url);
    // The refusal is in the status (what AgID's tools read), with identity's Italian page.
    expect(acs.status).toBe(403);
    expect(acs.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await acs.text();
    expect(html).toContain('<code>IDP_USER_CANCELLED</code>');
    expect(html).toMatch(/Accesso annullato/);
    expect(html).toContain('Torna al portale');
    expect(browser.cookies.has('profila_session')).toBe(false);
  });
});
