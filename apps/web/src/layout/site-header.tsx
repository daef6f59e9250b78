import { Collapse, Header, HeaderContent, HeaderToggler, Icon, Nav, NavItem } from 'design-react-kit';
import { actingAsLabel, SiteHeader as HeaderBands, UserBox, useSession } from '@profila/ui';
import { useState } from 'react';
import { Link, NavLink } from 'react-router-dom';
import { RESERVED_MENU } from '../reserved/reserved-menu';
import { SITE_NAME } from '../site';

const NAVIGATION = [
  { to: '/', label: 'Home', end: true },
  { to: '/servizi', label: 'Servizi', end: false },
  { to: '/accedi', label: 'Come accedere', end: false },
  { to: '/contatti', label: 'Assistenza', end: false },
];

/** The three-band header of an Italian PA site (slim, center, navbar), as laid out by Bootstrap Italia. */
export function SiteHeader() {
  const [menuOpen, setMenuOpen] = useState(false);
  const closeMenu = () => setMenuOpen(false);
  const { state } = useSession();

  return (
    <HeaderBands
      title={SITE_NAME}
      tagline="Identità digitale, profili aziendali e deleghe per i servizi del lavoro"
      slimRight={
        state.status === 'authenticated' ? (
          <UserBox
            me={state.me}
            actingAs={actingAsLabel(state.me)}
            menuLabel="Menu dell'area riservata"
            items={RESERVED_MENU}
          />
        ) : (
          <div className="it-access-top-wrapper">
            <Link className="btn btn-primary btn-sm" to="/accedi">
              Accedi all&apos;area personale
            </Link>
          </div>
        )
      }
      navbar={
        <Header type="navbar">
          <HeaderContent expand="lg" megamenu aria-label="Navigazione principale">
            <HeaderToggler
              onClick={() => setMenuOpen(!menuOpen)}
              aria-controls="navigazione-principale"
              aria-label="Mostra o nascondi la navigazione"
              isOpen={menuOpen}
            >
              <Icon icon="it-burger" />
            </HeaderToggler>
            <Collapse isOpen={menuOpen} navbar header onOverlayClick={closeMenu} id="navigazione-principale">
              <div className="menu-wrapper">
                <Nav navbar>
                  {NAVIGATION.map((item) => (
                    <NavItem key={item.to}>
                      <NavLink className="nav-link" to={item.to} end={item.end} onClick={closeMenu}>
                        <span>{item.label}</span>
                      </NavLink>
                    </NavItem>
                  ))}
                </Nav>
              </div>
            </Collapse>
          </HeaderContent>
        </Header>
      }
    />
  );
}
