import { ApiError } from '@profila/ui';
import { Link } from 'react-router-dom';
import { OPERATOR_LOGIN_PATH } from '../site';

/**
 * What the service answered when it refused: its own Italian message (for a citizen who is not an operator:
 * "Area riservata agli operatori: …"), or the way to the login when the session is missing.
 */
export function ApiRefusal({ error }: { error: unknown }) {
  if (error instanceof ApiError && error.unauthenticated) {
    return (
      <div className="alert alert-warning" role="alert" data-testid="api-refusal">
        <p className="mb-2">Per usare il back office entra con la tua identità digitale.</p>
        <Link className="btn btn-primary btn-sm" to={OPERATOR_LOGIN_PATH}>
          Accedi come operatore
        </Link>
      </div>
    );
  }
  const message =
    error instanceof ApiError ? error.message : 'Si è verificato un errore imprevisto. Riprova più tardi.';
  const title =
    error instanceof ApiError && error.status === 403
      ? 'Accesso non consentito'
      : error instanceof ApiError && error.status === 404
        ? 'Non trovata'
        : 'Operazione non riuscita';
  return (
    <div className="alert alert-danger" role="alert" data-testid="api-refusal">
      <h2 className="h5">{title}</h2>
      <p className="mb-0">{message}</p>
    </div>
  );
}
