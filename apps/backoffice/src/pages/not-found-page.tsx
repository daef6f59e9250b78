import { Link, useLocation } from 'react-router-dom';
import { usePageTitle } from '../site';

export function NotFoundPage() {
  usePageTitle('Pagina non trovata');
  const { pathname } = useLocation();

  return (
    <>
      <h1>Pagina non trovata</h1>
      <p className="lead">
        L&apos;indirizzo <code>{pathname}</code> non corrisponde a nessuna sezione del back office.
      </p>
      <Link className="btn btn-primary" to="/">
        Torna al cruscotto
      </Link>
    </>
  );
}
