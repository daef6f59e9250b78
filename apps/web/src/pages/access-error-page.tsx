import { Link, useSearchParams } from 'react-router-dom';
import { usePageTitle } from '../site';
import { PageHeading } from '@profila/ui';

/** What to tell when the identity service sent no readable message; keyed by the code it put in the address. */
const FALLBACK_MESSAGES: Record<string, string> = {
  AUTHN_CANCELLED: "Hai annullato l'accesso presso il gestore dell'identità digitale.",
  USER_CANCELLED: "Hai annullato l'accesso presso il gestore dell'identità digitale.",
  LEVEL_TOO_LOW: 'Il livello di sicurezza usato non è sufficiente per questo servizio.',
  SPID_LEVEL_TOO_LOW: 'Il livello di sicurezza usato non è sufficiente per questo servizio.',
  CONSENT_DENIED: 'Hai negato il consenso all’invio dei dati: senza di essi non è possibile accedere.',
  IDENTITY_SUSPENDED: 'La tua identità digitale risulta sospesa o revocata: rivolgiti al tuo gestore.',
  AUTHN_TIMEOUT: "Il tempo per completare l'accesso è scaduto.",
  REQUEST_EXPIRED: "Il tempo per completare l'accesso è scaduto.",
  UNKNOWN_IDP: 'Il gestore di identità scelto non è tra quelli riconosciuti.',
  INVALID_RESPONSE: "La risposta del gestore dell'identità digitale non è valida.",
};

const GENERIC = "Non è stato possibile completare l'accesso. Riprova tra qualche istante.";

/** `/errore-accesso?code=&message=`: where a failed login ends (the identity service sends the user here). */
export function AccessErrorPage() {
  usePageTitle('Accesso non riuscito');
  const [params] = useSearchParams();
  const code = params.get('code') ?? '';
  const message = params.get('message')?.trim() || FALLBACK_MESSAGES[code.toUpperCase()] || GENERIC;

  return (
    <>
      <PageHeading title="Accesso non riuscito" />
      <div className="container pb-5">
        <div className="alert alert-danger" role="alert">
          <p className="mb-0">{message}</p>
          {code && <p className="small mb-0 mt-2">Codice dell&apos;errore: {code}</p>}
        </div>
        <p>Nessun dato è stato registrato. Puoi ripetere l&apos;accesso, anche con un altro gestore.</p>
        <div className="d-flex flex-wrap gap-3">
          <Link className="btn btn-primary" to="/accedi">
            Riprova
          </Link>
          <Link className="btn btn-outline-primary" to="/">
            Torna alla pagina iniziale
          </Link>
        </div>
      </div>
    </>
  );
}
