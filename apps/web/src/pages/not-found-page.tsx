import { Link, useLocation } from 'react-router-dom';
import { usePageTitle } from '../site';

export function NotFoundPage() {
  usePageTitle('Pagina non trovata');
  const { pathname } = useLocation();

  return (
    <div className="container py-5">
      <h1>Pagina non trovata</h1>
      <p className="lead">
        L&apos;indirizzo <code>{pathname}</code> non corrisponde a nessuna pagina del portale. Forse il collegamento è
        vecchio o contiene un errore di battitura.
      </p>
      <Link className="btn btn-primary" to="/">
        Torna alla pagina iniziale
      </Link>
    </div>
  );
}
