import { Icon } from 'design-react-kit';
import { Link } from 'react-router-dom';
import type { Me } from '../api/identity-session';
import { displayName } from '../session/session-context';
import { LogoutMenuItem } from '../session/logout-button';
import { useDropdown } from './use-dropdown';

export interface UserMenuItem {
  to: string;
  label: string;
  icon: string;
}

/**
 * Top right of the header once logged in (Servizi Lavoro manual, section 3): name, surname and codice fiscale of who
 * logged in, whom they are acting as (when the UI has acting-as), and a menu behind a button that ends with Logout.
 */
export function UserBox({
  me,
  actingAs,
  menuLabel,
  items,
}: {
  me: Me;
  /** "Stai operando come: …" (portal); omitted where nobody acts for an organisation (back office). */
  actingAs?: string;
  /** Accessible name of the menu, e.g. "Menu dell'area riservata". */
  menuLabel: string;
  items: readonly UserMenuItem[];
}) {
  const { open, setOpen, wrapper, toggle } = useDropdown();

  const close = () => setOpen(false);

  return (
    <div className="user-box" ref={wrapper}>
      {actingAs !== undefined && (
        <p className="user-box-acting" aria-live="polite">
          <span className="user-box-acting-label">Stai operando come:</span>{' '}
          <strong data-testid="acting-as">{actingAs}</strong>
        </p>
      )}
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
        <span className="visually-hidden">: {menuLabel.charAt(0).toLowerCase() + menuLabel.slice(1)}</span>
      </button>
      {open && (
        <div id="menu-utente" className="user-box-menu">
          {actingAs !== undefined && (
            <p className="user-box-menu-acting">
              Stai operando come: <strong>{actingAs}</strong>
            </p>
          )}
          <ul className="link-list" aria-label={menuLabel}>
            {items.map((item) => (
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
            <LogoutMenuItem className="user-box-logout" />
          </ul>
        </div>
      )}
    </div>
  );
}
