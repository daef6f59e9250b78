import { OPERATOR_LOGIN_URL } from '../login-url';

/** Shown until the operator has signed in: nothing in the back office is visible without a session. */
export function OperatorLoginCallout() {
  return (
    <div className="callout note operator-login">
      <div className="callout-title">Accesso riservato agli operatori</div>
      <p>
        Entra con la tua identità digitale: vedrai le code di lavoro del tuo territorio secondo il ruolo che ti è stato
        assegnato.
      </p>
      <a className="btn btn-primary" href={OPERATOR_LOGIN_URL}>
        Accedi come operatore
      </a>
    </div>
  );
}
