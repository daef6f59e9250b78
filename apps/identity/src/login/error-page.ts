import { escapeXml } from '../saml/xml.js';

export interface ErrorPageInput {
  /** The anomaly code (SamlErrorCode, LoginExceptionCode, …). */
  code: string;
  /** Italian, for the user. */
  message: string;
  /** The portal's home, for the link back. */
  portalUrl: string;
  title?: string;
}

/**
 * The page a refused login (or logout) ends on, rendered by identity with the HTTP status of the anomaly, so that a
 * browser, a conformance tool or a monitor all read the same outcome. Plain HTML in Italian, no script.
 */
export function errorPage(input: ErrorPageInput): string {
  const title = escapeXml(input.title ?? 'Accesso non riuscito');
  const home = escapeXml(`${input.portalUrl}/`);
  // A refused login is retried from the portal's identity-provider chooser.
  const retry = escapeXml(`${input.portalUrl}/accedi`);
  return `<!DOCTYPE html>
<html lang="it">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <title>${title}</title>
  <link rel="icon" href="${escapeXml(`${input.portalUrl}/favicon.svg`)}" type="image/svg+xml">
  <style>
    body { margin: 0; font: 16px/1.5 "Titillium Web", system-ui, -apple-system, "Segoe UI", sans-serif; color: #17324d; background: #f5f7fa; }
    header { background: #0066cc; color: #fff; padding: 1rem; }
    main { max-width: 40rem; margin: 2rem auto; padding: 1.25rem 1.5rem; background: #fff; border: 1px solid #d1d9e0; border-left: 6px solid #d9364f; border-radius: 6px; }
    h1 { font-size: 1.4rem; margin-top: 0; }
    .codice { color: #5a6772; font-size: .9rem; }
    a { color: #0066cc; font-weight: 600; }
    a:focus { outline: 3px solid #ffbf47; outline-offset: 2px; }
  </style>
</head>
<body>
  <header>Profila</header>
  <main id="contenuto">
    <h1>${title}</h1>
    <p role="alert">${escapeXml(input.message)}</p>
    <p class="codice">Codice errore: <code>${escapeXml(input.code)}</code></p>
    <p><a href="${retry}">Riprova</a> · <a href="${home}">Torna al portale</a></p>
  </main>
</body>
</html>`;
}
