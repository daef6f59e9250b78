import { Link } from 'react-router-dom';
import { usePageTitle } from '../site';
import { PageHeading } from '@profila/ui';

/** `/uscita`: where single logout ends, after the identity provider closed its session too. */
export function LoggedOutPage() {
  usePageTitle("Sei uscito dall'area riservata");
  return (
    <>
      <PageHeading title="Sei uscito dall'area riservata" />
      <div className="container pb-5">
        <p className="lead">
          La sessione è stata chiusa sul portale e presso il gestore della tua identità digitale. Per maggiore
          sicurezza, se usi un computer condiviso chiudi il browser.
        </p>
        <Link className="btn btn-primary" to="/">
          Torna alla pagina iniziale
        </Link>
      </div>
    </>
  );
}
