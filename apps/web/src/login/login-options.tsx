import { Icon } from 'design-react-kit';
import { loginUrl } from './login-url';
import { SpidButton } from './spid-button';

/** The three ways in: SPID, CIE, CPS. Same look for the three, as on the ministry's Servizi Lavoro portal. */
export function LoginOptions() {
  return (
    <div className="login-options">
      <SpidButton />
      <a className="login-button" href={loginUrl('cie')}>
        <span className="login-button-icon">
          <Icon icon="it-card" color="white" aria-hidden />
        </span>
        <span className="login-button-text">Entra con CIE</span>
      </a>
      <a className="login-button" href={loginUrl('cps')}>
        <span className="login-button-icon">
          <Icon icon="it-key" color="white" aria-hidden />
        </span>
        <span className="login-button-text">Entra con CPS</span>
      </a>
    </div>
  );
}
