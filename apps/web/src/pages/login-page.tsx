import { Link, useSearchParams } from 'react-router-dom';
import type { LoginKind } from '../api/identity';
import { usePageTitle } from '../layout/use-page-title';
import { IdpEntries } from '../login/idp-entries';
import { chooserUrl, isLoginKind, KIND_LABELS } from '../login/login-url';
import { useIdps } from '../login/use-idps';
import { PageHeading } from './page-heading';

const KINDS: LoginKind[] = ['spid', 'cie', 'cps'];

const KIND_HELP: Record<LoginKind, string> = {
  spid: 'Scegli il gestore che ti ha rilasciato le credenziali SPID e inserisci nome utente e password.',
  cie: "Usa la Carta d'Identità Elettronica con il PIN, con un lettore di smart card o uno smartphone abilitato.",
  cps: 'Usa la Carta Provinciale (o Nazionale) dei Servizi con il lettore di smart card e il PIN.',
};

/** One kind of identity: its providers, each a link that starts the login. */
function KindSection({ kind, alone }: { kind: LoginKind; alone: boolean }) {
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
        <IdpEntries kind={kind} list={idps} label={`Gestori ${KIND_LABELS[kind].short}`} className="idp-chooser-list" />
      </div>
    </section>
  );
}

/** `/accedi`: every way in, or only one kind with `?kind=spid|cie|cps` (where "Entra con CIE/CPS" lead). */
export function LoginPage() {
  const [params] = useSearchParams();
  const requested = params.get('kind');
  const kind = isLoginKind(requested) ? requested : null;
  const title = kind ? `Entra con ${KIND_LABELS[kind].short}` : 'Come accedere';
  usePageTitle(title);

  return (
    <>
      <PageHeading title={title}>
        {kind
          ? `${KIND_LABELS[kind].long}: scegli il gestore con cui entrare.`
          : "Per usare i servizi serve un'identità digitale intestata a te, con il tuo codice fiscale."}
      </PageHeading>
      <div className="container pb-5">
        <div className="row g-5">
          <div className="col-lg-6">
            {kind ? (
              <>
                <KindSection kind={kind} alone />
                <p>
                  Altri modi di accesso:{' '}
                  {KINDS.filter((k) => k !== kind).map((k, i) => (
                    <span key={k}>
                      {i > 0 && ', '}
                      <Link to={chooserUrl(k)}>{KIND_LABELS[k].short}</Link>
                    </span>
                  ))}
                </p>
              </>
            ) : (
              KINDS.map((k) => <KindSection key={k} kind={k} alone={false} />)
            )}
          </div>
          <div className="col-lg-6">
            <h2 className="h4">Le identità digitali accettate</h2>
            <dl className="login-help">
              <dt>SPID</dt>
              <dd>{KIND_HELP.spid}</dd>
              <dt>CIE</dt>
              <dd>{KIND_HELP.cie}</dd>
              <dt>CPS</dt>
              <dd>{KIND_HELP.cps}</dd>
            </dl>
            <p>
              Al primo accesso il tuo account viene creato con i dati forniti dall&apos;identità digitale. Le aziende
              non hanno credenziali proprie: chi opera per un&apos;azienda entra con la propria identità e sceglie
              l&apos;azienda per cui lavorare.
            </p>
            <ul className="list-unstyled">
              <li>
                <a href="https://www.spid.gov.it/" rel="noreferrer">
                  Maggiori informazioni su SPID
                </a>
              </li>
              <li>
                <a href="https://www.spid.gov.it/richiedi-spid" rel="noreferrer">
                  Non hai SPID?
                </a>
              </li>
            </ul>
          </div>
        </div>
      </div>
    </>
  );
}
