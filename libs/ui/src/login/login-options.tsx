import { Icon } from 'design-react-kit';
import { Link } from 'react-router-dom';
import { chooserUrl } from './login-url';
import { SpidButton } from './spid-button';

/**
 * The three ways in: SPID (menu of providers in place), CIE and CPS (their own chooser page). Same look for the three,
 * as on the ministry's Servizi Lavoro portal.
 */
export function LoginOptions({ spidMenuId, returnTo }: { spidMenuId?: string; returnTo?: string }) {
  return (
    <div className="login-options">
      <SpidButton menuId={spidMenuId} returnTo={returnTo} />
      <Link className="login-button" to={chooserUrl('cie')}>
        <span className="login-button-icon">
          <Icon icon="it-card" color="white" aria-hidden />
        </span>
        <span className="login-button-text">Entra con CIE</span>
      </Link>
      <Link className="login-button" to={chooserUrl('cps')}>
        <span className="login-button-icon">
          <Icon icon="it-key" color="white" aria-hidden />
        </span>
        <span className="login-button-text">Entra con CPS</span>
      </Link>
    </div>
  );
}
