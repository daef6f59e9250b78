import { Icon } from 'design-react-kit';
import { useDropdown } from './use-dropdown';
import { Link } from 'react-router-dom';
import type { Me } from '../api/identity';
import { RESERVED_MENU } from '../reserved/reserved-menu';
import { actingAsLabel, displayName } from '../session/session-context';
import { useLogout } from '../session/use-logout';

/**
 * Top right of the header once logged in (Servizi Lavoro manual, section 3): name, surname and codice fiscale of who
 * logged in, whom they are acting as, and the menu of the reserved area behind a button.
 */
export function UserBox({ me }: { me: Me }) {
  const { open, setOpen, wrapper, toggle } = useDropdown();
  const { logout, pending, error } = useLogout();

  const close = () => setOpen(false);

  return (
    <div className="user-box" ref={wrapper}>
      <p className="user-box-acting" aria-live="polite">
        <span className="user-box-acting-label">Stai operando come:</span>{' '}
        <strong data-testid="acting-as">{actingAsLabel(me)}</strong>
      </p>
      <button
        type="button"
        ref={toggle}
        className="user-box-toggle"
        aria-expanded={open}
        aria-controls="menu-utente"
        onClick={() => setOpen(!open)}
      >
        <span className="user-box-avatar" aria-hidden="true">
          <Icon icon="it-user" color="primary" size="sm" />
        </span>
        <span className="user-box-identity">
          <span className="user-box-name">{displayName(me)}</span>
          <span className="user-box-cf">
            <span className="visually-hidden">Codice fiscale </span>
            {me.codiceFiscale}
          </span>
        </span>
        <Icon icon={open ? 'it-collapse' : 'it-expand'} color="white" size="sm" aria-hidden />
        <span className="visually-hidden">: menu dell&apos;area riservata</span>
      </button>
      {open && (
        <div id="menu-utente" className="user-box-menu">
          <p className="user-box-menu-acting">
            Stai operando come: <strong>{actingAsLabel(me)}</strong>
          </p>
          <ul className="link-list" aria-label="Menu dell'area riservata">
            {RESERVED_MENU.map((item) => (
              <li key={item.label}>
                <Link className="list-item" to={item.to} onClick={close}>
                  <Icon icon={item.icon} size="sm" color="primary" aria-hidden className="me-2" />
                  <span>{item.label}</span>
                </Link>
              </li>
            ))}
            <li>
              <span className="divider" role="separator" />
            </li>
            <li>
              <button
                type="button"
                className="list-item user-box-logout"
                onClick={() => void logout()}
                disabled={pending}
              >
                <Icon icon="it-logout" size="sm" color="primary" aria-hidden className="me-2" />
                <span>{pending ? 'Uscita in corso…' : 'Logout'}</span>
              </button>
            </li>
          </ul>
          {error && (
            <p className="text-danger small px-3" role="alert">
              {error}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
