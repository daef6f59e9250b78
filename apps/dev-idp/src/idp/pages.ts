import type { TestCitizen } from '@profila/embedded';
import type { ReceivedAuthnRequest } from '../saml/idp-messages.js';
import { esc } from '../saml/xml.js';

// Server-rendered pages of the dev IdP: plain HTML, Italian, usable with keyboard and screen reader, no JavaScript
// needed (the only script submits the SAML form, which also has a button).

const STYLE = `
  :root { color-scheme: light; --blu: #0066cc; --scuro: #17324d; --avviso: #a66300; --errore: #d9364f; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 16px/1.5 "Titillium Web", system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--scuro); background: #f5f7fa; }
  .banner { background: #ffe8b3; color: #5c3c00; border-bottom: 3px solid var(--avviso); padding: .75rem 1rem; font-weight: 600; text-align: center; }
  header { background: var(--blu); color: #fff; padding: 1rem; }
  header h1 { margin: 0; font-size: 1.4rem; }
  main { max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem 3rem; }
  section, fieldset { background: #fff; border: 1px solid #d1d9e0; border-radius: 6px; padding: 1rem 1.25rem; margin: 0 0 1.25rem; }
  legend { font-weight: 700; padding: 0 .25rem; }
  h2 { font-size: 1.15rem; margin-top: 0; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0; }
  dt { font-weight: 600; } dd { margin: 0; word-break: break-all; }
  table { width: 100%; border-collapse: collapse; } th, td { text-align: left; padding: .4rem .5rem; border-bottom: 1px solid #e3e8ee; }
  .citizens { list-style: none; padding: 0; margin: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr)); gap: .5rem; }
  .citizens label { display: block; border: 1px solid #d1d9e0; border-radius: 4px; padding: .5rem .75rem; cursor: pointer; }
  .citizens input:checked + span { font-weight: 700; color: var(--blu); }
  .cf { font-family: ui-monospace, monospace; letter-spacing: .03em; }
  .field { margin: .5rem 0; } .field label { display: block; font-weight: 600; }
  input[type=text], select { font: inherit; padding: .4rem .5rem; border: 1px solid #8a9aab; border-radius: 4px; width: 100%; max-width: 24rem; }
  .actions { display: flex; gap: 1rem; flex-wrap: wrap; }
  button { font: inherit; font-weight: 600; padding: .6rem 1.5rem; border-radius: 4px; border: 2px solid var(--blu); cursor: pointer; }
  .primary { background: var(--blu); color: #fff; } .secondary { background: #fff; color: var(--blu); }
  button:focus, input:focus, select:focus, a:focus { outline: 3px solid #ffbf47; outline-offset: 2px; }
  .warning { border-left: 6px solid var(--avviso); } .error { border-left: 6px solid var(--errore); }
  .ok { color: #008055; font-weight: 600; } .ko { color: var(--errore); font-weight: 600; }
  .hint { color: #5a6772; font-size: .9rem; }
`;

function layout(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="it">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <title>${esc(title)} · Dev IdP</title>
  <style>${STYLE}</style>
</head>
<body>
  <p class="banner" role="note">Dev IdP — ambiente di prova, non SPID reale. Le identità sono fittizie.</p>
  <header><h1>${esc(title)}</h1></header>
  <main id="contenuto">
${body}
  </main>
</body>
</html>`;
}

function citizenLine(c: TestCitizen): string {
  return `${esc(c.name)} ${esc(c.familyName)}`;
}

export function homePage(citizens: readonly TestCitizen[], metadataUrl: string, spStatus: string): string {
  const rows = citizens
    .map(
      (c) =>
        `<tr><td>${citizenLine(c)}</td><td class="cf">${esc(c.fiscalNumber)}</td><td>${esc(c.dateOfBirth)}</td><td>${esc(c.placeOfBirth)} (${esc(c.countyOfBirth)})</td></tr>`,
    )
    .join('\n        ');
  return layout(
    'Identity provider di prova',
    `    <section>
      <h2>Come si usa</h2>
      <p>Questo identity provider sostituisce SPID, CIE e CPS sul proprio computer. Dal portale scegliere
      «Entra con SPID» e poi «Dev IdP (prova)»: qui si sceglie un cittadino di prova e il livello SPID.</p>
      <dl>
        <dt>Metadati IdP</dt><dd><a href="${esc(metadataUrl)}">${esc(metadataUrl)}</a></dd>
        <dt>Service Provider</dt><dd>${esc(spStatus)}</dd>
      </dl>
    </section>
    <section>
      <h2>Cittadini di prova</h2>
      <table>
        <caption class="hint">Codici fiscali validi, identità inventate</caption>
        <thead><tr><th scope="col">Nome e cognome</th><th scope="col">Codice fiscale</th><th scope="col">Data di nascita</th><th scope="col">Luogo di nascita</th></tr></thead>
        <tbody>
        ${rows}
        </tbody>
      </table>
    </section>`,
  );
}

const SIGNATURE_TEXT: Record<ReceivedAuthnRequest['signature'], string> = {
  verified: '<span class="ok">verificata con il certificato dei metadati del SP</span>',
  'not-checked': '<span class="ko">non verificata: metadati del SP non disponibili</span>',
  invalid: '<span class="ko">non valida</span>',
  missing: '<span class="ko">assente</span>',
};

export interface LoginPageInput {
  pendingId: string;
  request: ReceivedAuthnRequest;
  citizens: readonly TestCitizen[];
  spWarning?: string;
}

export function loginPage({ pendingId, request, citizens, spWarning }: LoginPageInput): string {
  const warning = spWarning
    ? `    <section class="warning" role="alert"><h2>Attenzione</h2><p>${esc(spWarning)}. La firma della richiesta non è stata verificata.</p></section>\n`
    : '';
  const options = citizens
    .map(
      (c, i) => `<li><label><input type="radio" name="citizen" value="${esc(c.id)}"${i === 0 ? ' checked' : ''}>
          <span>${citizenLine(c)}</span><br><span class="cf">${esc(c.fiscalNumber)}</span>
          <span class="hint">· ${esc(c.dateOfBirth)}, ${esc(c.placeOfBirth)}${c.note ? ` · ${esc(c.note)}` : ''}</span></label></li>`,
    )
    .join('\n        ');
  const levels = (['L1', 'L2', 'L3'] as const)
    .map((l) => {
      const text = {
        L1: 'L1 — nome utente e password',
        L2: 'L2 — password e codice temporaneo (OTP)',
        L3: 'L3 — dispositivo fisico (smart card)',
      }[l];
      return `<label><input type="radio" name="level" value="${l}"${l === request.level ? ' checked' : ''}> ${text}</label><br>`;
    })
    .join('\n        ');
  return layout(
    'Accesso di prova',
    `${warning}    <section aria-labelledby="richiesta">
      <h2 id="richiesta">Richiesta di autenticazione</h2>
      <dl>
        <dt>Service Provider</dt><dd>${esc(request.spEntityId)}</dd>
        <dt>Livello richiesto</dt><dd>Spid${esc(request.level)} (confronto: ${esc(request.comparison)})</dd>
        <dt>Firma</dt><dd>${SIGNATURE_TEXT[request.signature]}</dd>
        <dt>Binding</dt><dd>${esc(request.binding)}</dd>
      </dl>
    </section>
    <form method="post" action="login">
      <input type="hidden" name="pending" value="${esc(pendingId)}">
      <fieldset>
        <legend>Scegli un cittadino di prova</legend>
        <ul class="citizens">
        ${options}
        <li><label><input type="radio" name="citizen" value="custom"> <span>Un'altra identità (inserire i dati sotto)</span></label></li>
        </ul>
      </fieldset>
      <fieldset>
        <legend>Oppure inserisci un'identità</legend>
        <p class="hint">Usata solo se è scelta «Un'altra identità». Qualsiasi codice fiscale è accettato: il Service Provider lo controllerà.</p>
        <div class="field"><label for="fiscalNumber">Codice fiscale</label><input type="text" id="fiscalNumber" name="fiscalNumber" autocomplete="off" maxlength="16" spellcheck="false"></div>
        <div class="field"><label for="name">Nome</label><input type="text" id="name" name="name" autocomplete="off"></div>
        <div class="field"><label for="familyName">Cognome</label><input type="text" id="familyName" name="familyName" autocomplete="off"></div>
      </fieldset>
      <fieldset>
        <legend>Livello SPID dell'autenticazione</legend>
        <p class="hint">Un livello inferiore a quello richiesto serve a provare il rifiuto da parte del Service Provider.</p>
        ${levels}
      </fieldset>
      <fieldset>
        <legend>Esito</legend>
        <div class="field"><label for="anomaly">Simula un'anomalia SPID (opzionale)</label>
        <select id="anomaly" name="anomaly">
          <option value="">Nessuna: autenticazione riuscita</option>
          <option value="19">19 — troppi tentativi con credenziali errate</option>
          <option value="20">20 — credenziali non compatibili con il livello richiesto</option>
          <option value="21">21 — timeout durante l'autenticazione</option>
          <option value="22">22 — consenso all'invio dei dati negato</option>
          <option value="23">23 — identità sospesa o revocata</option>
        </select></div>
      </fieldset>
      <div class="actions">
        <button class="primary" type="submit" name="outcome" value="login">Entra</button>
        <button class="secondary" type="submit" name="outcome" value="cancel">Annulla</button>
      </div>
    </form>`,
  );
}

/** The HTTP-POST binding page: submits itself to the SP, or the user presses the button. */
export function autoPostPage(title: string, action: string, fields: Record<string, string | undefined>): string {
  const inputs = Object.entries(fields)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => `<input type="hidden" name="${esc(name)}" value="${esc(value)}">`)
    .join('\n      ');
  return layout(
    title,
    `    <form method="post" action="${esc(action)}">
      ${inputs}
      <section><p>Ritorno al servizio in corso. Se la pagina non prosegue da sola, premere il pulsante.</p>
      <button class="primary" type="submit">Continua</button></section>
    </form>
    <script>document.forms[0].submit();</script>`,
  );
}

export function errorPage(title: string, problems: string[]): string {
  const items = problems.map((p) => `<li>${esc(p)}</li>`).join('\n        ');
  return layout(
    title,
    `    <section class="error" role="alert">
      <h2>La richiesta non può essere accettata</h2>
      <ul>
        ${items}
      </ul>
      <p class="hint">Un identity provider SPID reale rifiuterebbe questa richiesta con lo stesso motivo.</p>
    </section>`,
  );
}

export function messagePage(title: string, message: string): string {
  return layout(title, `    <section><p>${esc(message)}</p></section>`);
}
