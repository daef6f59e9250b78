import type { ReactNode } from 'react';
import { NavLink } from 'react-router-dom';
import { ReservedHeading } from '../reserved/reserved-heading';

export const PROFILES = '/area-riservata/profili';

const TABS = [
  { to: `${PROFILES}/associati`, label: 'Ricerca profili associati' },
  { to: `${PROFILES}/associa`, label: 'Associa profilo' },
  { to: `${PROFILES}/registra`, label: 'Registra azienda' },
  { to: PROFILES, label: 'Selezione tipologia di utente' },
] as const;

/** "Gestione profili": heading and the buttons of the manual (§3.2) as tabs between its pages. */
export function ProfilesHeading({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <>
      <ReservedHeading title={title}>{children}</ReservedHeading>
      <ProfilesTabs />
    </>
  );
}

export function ProfilesTabs() {
  return (
    <nav aria-label="Gestione profili" className="mb-4">
      <ul className="nav nav-tabs profiles-tabs">
        {TABS.map((tab) => (
          <li className="nav-item" key={tab.to}>
            <NavLink className="nav-link" to={tab.to} end>
              {tab.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
