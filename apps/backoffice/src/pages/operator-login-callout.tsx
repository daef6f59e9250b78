import { displayName, useSession } from '@profila/ui';
import { Link } from 'react-router-dom';
import { OPERATOR_LOGIN_PATH } from '../site';

/**
 * Until the operator has signed in: nothing in the back office is visible without a session. Once signed in: who is
 * in. Operator roles (issue #11) do not exist yet, so a signed-in operator sees no work queue.
 */
export function OperatorLoginCallout() {
  const { state } = useSession();
  if (state.status === 'checking') return null;
  if (state.status === 'authenticated') {
    return (
      <div className="callout note operator-login">
        <div className="callout-title">Accesso effettuato</div>
        <p className="mb-0">
          Sei entrato come <strong data-testid="operator-name">{displayName(state.me)}</strong>. Le code di lavoro
          compariranno secondo il ruolo che ti sarà assegnato.
        </p>
      </div>
    );
  }
  return (
    <div className="callout note operator-login">
      <div className="callout-title">Accesso riservato agli operatori</div>
      <p>
        Entra con la tua identità digitale: vedrai le code di lavoro del tuo territorio secondo il ruolo che ti è stato
        assegnato.
      </p>
      <Link className="btn btn-primary" to={OPERATOR_LOGIN_PATH}>
        Accedi come operatore
      </Link>
    </div>
  );
}
