/**
 * Logs a test citizen in for real, the way a browser does, through the gateway and the dev IdP over HTTP:
 * GET /api/identity/login → the dev IdP's login form → POST (the chosen citizen) → the auto-submitted Response to
 * our ACS. Returns what the browser then holds: the session and CSRF cookies (for the gateway's double submit).
 * Replaces the test-only session route identity used to have: a session exists only after a verified SAML login.
 */
export interface DevIdpLoginOptions {
  /** A dev IdP test citizen id (`mario-rossi`), or a typed identity. Default `mario-rossi`. */
  citizen?: string;
  /** A typed identity instead of a test citizen: the dev IdP asserts these. */
  identity?: { fiscalNumber: string; name: string; familyName: string };
  level?: 'L1' | 'L2' | 'L3';
  /** How long to wait for identity to list the dev IdP (it retries the metadata until the dev IdP is up). */
  timeoutMs?: number;
}

export interface DevIdpSession {
  sessionId: string;
  csrfToken: string;
  /** Every cookie the gateway's origin set, by name. */
  cookies: Record<string, string>;
  /** Headers for an API call as the logged-in browser: cookie + x-csrf-token. */
  headers(): Record<string, string>;
}

function decodeEntities(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function formOf(html: string, pageUrl: string): { action: string; fields: Record<string, string> } {
  const action = /<form[^>]*action="([^"]+)"/.exec(html);
  if (!action) throw new Error(`no form in the page at ${pageUrl}`);
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) {
    fields[decodeEntities(m[1])] = decodeEntities(m[2]);
  }
  return { action: new URL(decodeEntities(action[1]), pageUrl).toString(), fields };
}

async function devIdpEntityId(gatewayUrl: string, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(`${gatewayUrl}/api/identity/idps?kind=spid`);
      if (res.ok) {
        const idps = (await res.json()) as Array<{ entityId: string; test?: boolean }>;
        const dev = idps.find((i) => i.test);
        if (dev) return dev.entityId;
      }
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error('identity never listed the dev IdP: is the platform started with it?');
    await new Promise((r) => setTimeout(r, 300));
  }
}

export async function devIdpLogin(gatewayUrl: string, options: DevIdpLoginOptions = {}): Promise<DevIdpSession> {
  // The portal may be named localhost in PUBLIC_URL and reached as 127.0.0.1: one site for the browser's cookies.
  const sameSite = (url: string) => {
    const a = new URL(url);
    const b = new URL(gatewayUrl);
    const loopback = (h: string) => (h === 'localhost' || h === '127.0.0.1' ? 'loopback' : h);
    return a.protocol === b.protocol && a.port === b.port && loopback(a.hostname) === loopback(b.hostname);
  };
  const jar = new Map<string, string>();
  const send = async (url: string, init: RequestInit = {}): Promise<Response> => {
    const own = sameSite(url);
    const headers: Record<string, string> = { ...(init.headers as Record<string, string>) };
    if (own && jar.size > 0) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    if (own) {
      for (const line of res.headers.getSetCookie()) {
        const [pair, ...attrs] = line.split(';');
        const i = pair.indexOf('=');
        const name = pair.slice(0, i).trim();
        const value = pair.slice(i + 1).trim();
        if (value === '' || attrs.some((a) => /max-age=0/i.test(a))) jar.delete(name);
        else jar.set(name, value);
      }
    }
    return res;
  };
  const post = (url: string, fields: Record<string, string>) =>
    send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });

  const idp = await devIdpEntityId(gatewayUrl, options.timeoutMs ?? 60_000);
  const level = options.level ?? 'L2';
  let url = `${gatewayUrl}/api/identity/login?kind=spid&level=${level.slice(1)}&idp=${encodeURIComponent(idp)}`;
  let res = await send(url);
  for (let hops = 0; res.status >= 300 && res.status < 400 && hops < 5; hops++) {
    url = new URL(res.headers.get('location')!, url).toString();
    res = await send(url);
  }
  if (res.status !== 200) throw new Error(`the dev IdP login page answered ${res.status}`);
  const loginPage = formOf(await res.text(), url);
  const choice = options.identity
    ? { citizen: '', ...options.identity }
    : { citizen: options.citizen ?? 'mario-rossi' };
  const answer = await post(loginPage.action, { ...loginPage.fields, outcome: 'login', level, ...choice });
  if (answer.status !== 200) throw new Error(`the dev IdP refused the login: ${answer.status} ${await answer.text()}`);
  const autoPost = formOf(await answer.text(), loginPage.action);
  const acs = await post(autoPost.action, autoPost.fields);
  if (acs.status !== 303) throw new Error(`the ACS refused the login: ${acs.status} ${await acs.text()}`);
  const sessionId = jar.get('profila_session');
  const csrfToken = jar.get('profila_csrf');
  if (!sessionId || !csrfToken) throw new Error('the ACS set no session cookies');
  const cookies = Object.fromEntries(jar);
  return {
    sessionId,
    csrfToken,
    cookies,
    headers: () => ({
      cookie: Object.entries(cookies)
        .map(([k, v]) => `${k}=${v}`)
        .join('; '),
      'x-csrf-token': csrfToken,
    }),
  };
}
