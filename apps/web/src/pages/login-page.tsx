import { useSearchParams } from 'react-router-dom';
import { usePageTitle } from '../site';
import { IdpChooser, isLoginKind, KIND_HELP, KIND_LABELS, PageHeading } from '@profila/ui';

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
            <IdpChooser kind={kind} />
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
