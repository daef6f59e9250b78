import { NavLink, Outlet } from 'react-router-dom';
import { usePageTitle } from '../site';
import { ReservedHeading } from '../reserved/reserved-heading';

/** The menu of "Gestione deleghe", as in the Servizi Lavoro manual (3.3). */
export const DELEGATIONS_MENU = [
  { to: '/area-riservata/deleghe', label: 'Lista delegati' },
  { to: '/area-riservata/deleghe/ricevute', label: 'Deleghe ricevute' },
  { to: '/area-riservata/deleghe/ricevute-in-attesa', label: 'Deleghe ricevute in attesa' },
  { to: '/area-riservata/deleghe/inviate', label: 'Tracciamento deleghe inviate' },
] as const;

export function DelegationsLayout() {
  usePageTitle('Gestione deleghe');
  return (
    <>
      <ReservedHeading title="Gestione deleghe">
        Delega altri soggetti a operare per i tuoi profili, visualizza le deleghe ricevute, quelle in attesa e le
        deleghe inviate.
      </ReservedHeading>
      <nav aria-label="Gestione deleghe" className="mb-4">
        <ul className="nav nav-tabs">
          {DELEGATIONS_MENU.map((item) => (
            <li className="nav-item" key={item.to}>
              <NavLink className="nav-link" to={item.to} end>
                {item.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </>
  );
}
