import { usePageTitle } from '../layout/use-page-title';
import { LoginOptions } from '../login/login-options';
import { PageHeading } from './page-heading';

export function LoginPage() {
  usePageTitle('Come accedere');

  return (
    <>
      <PageHeading title="Come accedere">
        Per usare i servizi serve un&apos;identità digitale intestata a te, con il tuo codice fiscale.
      </PageHeading>
      <div className="container pb-5">
        <div className="row g-5">
          <div className="col-lg-5">
            <h2 className="h4">Accedi ai servizi</h2>
            <LoginOptions />
          </div>
          <div className="col-lg-7">
            <dl className="login-help">
              <dt>SPID</dt>
              <dd>
                Il Sistema Pubblico di Identità Digitale: scegli il gestore che ti ha rilasciato le credenziali e
                inserisci nome utente e password.
              </dd>
              <dt>CIE</dt>
              <dd>La Carta d&apos;Identità Elettronica, con il PIN e un lettore o uno smartphone abilitato.</dd>
              <dt>CPS</dt>
              <dd>La Carta Provinciale (o Nazionale) dei Servizi, con il lettore di smart card e il PIN.</dd>
            </dl>
            <p>
              Al primo accesso il tuo account viene creato con i dati forniti dall&apos;identità digitale. Le aziende
              non hanno credenziali proprie: chi opera per un&apos;azienda entra con la propria identità e sceglie
              l&apos;azienda per cui lavorare.
            </p>
          </div>
        </div>
      </div>
    </>
  );
}
