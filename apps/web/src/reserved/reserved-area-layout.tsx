import { Icon } from 'design-react-kit';
import { Link, Navigate, NavLink, Outlet } from 'react-router-dom';
import type { Notice } from '../layout/notice';
import { LogoutMenuItem, useSession } from '@profila/ui';
import { RESERVED_HOME, RESERVED_MENU } from './reserved-menu';

const LOGIN_FIRST: Notice = {
  kind: 'info',
  text: "Per usare l'area riservata accedi con la tua identità digitale: SPID, CIE o CPS.",
};
const SESSION_ENDED: Notice = {
  kind: 'warning',
  text: "La sessione è scaduta o è stata chiusa. Accedi di nuovo per usare l'area riservata.",
};

/** `/area-riservata/*`: only with a session (else back to the home page with a notice); menu beside the page. */
export function ReservedAreaLayout() {
  const { state } = useSession();

  if (state.status === 'checking') {
    return (
      <div className="container py-5" role="status">
        <div className="progress-spinner progress-spinner-active size-sm me-2 d-inline-block align-middle" />
        <span className="align-middle">Verifica dell&apos;accesso in corso…</span>
      </div>
    );
  }
  if (state.status === 'anonymous') {
    return <Navigate to="/" replace state={{ notice: state.reason === 'expired' ? SESSION_ENDED : LOGIN_FIRST }} />;
  }

  return (
    <div className="container py-4 reserved-area">
      <div className="row g-4">
        <aside className="col-lg-3">
          <nav className="sidebar-wrapper reserved-menu" aria-label="Menu dell'area riservata">
            <div className="sidebar-linklist-wrapper">
              <div className="link-list-wrapper">
                <h2 className="h6 text-uppercase reserved-menu-title">
                  <Link to={RESERVED_HOME}>Area riservata</Link>
                </h2>
                <ul className="link-list">
                  {RESERVED_MENU.map((item) => (
                    <li key={item.label}>
                      <NavLink className="list-item" to={item.to} end>
                        <Icon icon={item.icon} size="sm" color="primary" aria-hidden className="me-2" />
                        <span>{item.label}</span>
                      </NavLink>
                    </li>
                  ))}
                  <LogoutMenuItem className="reserved-menu-logout" />
                </ul>
              </div>
            </div>
          </nav>
        </aside>
        <div className="col-lg-9">
          <Outlet />
        </div>
      </div>
    </div>
  );
}
