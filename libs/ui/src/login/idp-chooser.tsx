import { Link } from 'react-router-dom';
import type { LoginKind } from '../api/identity-session';
import { IdpEntries } from './idp-entries';
import { chooserUrl, KIND_LABELS } from './login-url';
import { useIdps } from './use-idps';

export const LOGIN_KINDS: LoginKind[] = ['spid', 'cie', 'cps'];

export const KIND_HELP: Record<LoginKind, string> = {
  spid: 'Scegli il gestore che ti ha rilasciato le credenziali SPID e inserisci nome utente e password.',
  cie: "Usa la Carta d'Identità Elettronica con il PIN, con un lettore di smart card o uno smartphone abilitato.",
  cps: 'Usa la Carta Provinciale (o Nazionale) dei Servizi con il lettore di smart card e il PIN.',
};

/** One kind of identity: its providers, each a link that starts the login and comes back to `returnTo`. */
function KindSection({ kind, alone, returnTo }: { kind: LoginKind; alone: boolean; returnTo?: string }) {
  const idps = useIdps(kind);
  const headingId = `accesso-${kind}`;
  return (
    <section className="card card-bg idp-chooser mb-4" aria-labelledby={headingId}>
      <div className="card-body">
        <h2 id={headingId} className="h4 card-title">
          {alone ? 'Gestori disponibili' : `Entra con ${KIND_LABELS[kind].short}`}
          {!alone && <span className="visually-hidden"> — {KIND_LABELS[kind].long}</span>}
        </h2>
        <p className="card-text font-sans-serif">{KIND_HELP[kind]}</p>
        <IdpEntries
          kind={kind}
          list={idps}
          label={`Gestori ${KIND_LABELS[kind].short}`}
          className="idp-chooser-list"
          returnTo={returnTo}
        />
      </div>
    </section>
  );
}

/**
 * The identity-provider chooser: every kind of identity (SPID, CIE, CPS) with its providers, or one kind only and
 * links to the others (`/accedi?kind=…`, relative to the router's basename). Used by the portal's "Come accedere" and
 * the back office's "Accedi come operatore".
 */
export function IdpChooser({ kind, returnTo }: { kind: LoginKind | null; returnTo?: string }) {
  if (!kind) {
    return (
      <>
        {LOGIN_KINDS.map((k) => (
          <KindSection key={k} kind={k} alone={false} returnTo={returnTo} />
        ))}
      </>
    );
  }
  return (
    <>
      <KindSection kind={kind} alone returnTo={returnTo} />
      <p>
        Altri modi di accesso:{' '}
        {LOGIN_KINDS.filter((k) => k !== kind).map((k, i) => (
          <span key={k}>
            {i > 0 && ', '}
            <Link to={chooserUrl(k)}>{KIND_LABELS[k].short}</Link>
          </span>
        ))}
      </p>
    </>
  );
}
