import {
  Collapse,
  Header,
  HeaderBrand,
  HeaderContent,
  HeaderRightZone,
  Headers,
  HeaderToggler,
  Icon,
  Nav,
  NavItem,
} from 'design-react-kit';
import { useState } from 'react';
import { Link, NavLink } from 'react-router-dom';
import logoUrl from '../assets/profila-logo.svg';
import { useSession } from '../session/session-context';
import { UserBox } from './user-box';

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
    <Headers shadow>
      <Header type="slim">
        <HeaderContent>
          <HeaderBrand responsive tag="span">
            Regione / Profila
          </HeaderBrand>
          <HeaderRightZone>
            {state.status === 'authenticated' ? (
              <UserBox me={state.me} />
            ) : (
              <div className="it-access-top-wrapper">
                <Link className="btn btn-primary btn-sm" to="/accedi">
                  Accedi all&apos;area personale
                </Link>
              </div>
            )}
          </HeaderRightZone>
        </HeaderContent>
      </Header>
      <div className="it-nav-wrapper">
        <Header type="center">
          <HeaderContent>
            <HeaderBrand href={import.meta.env.BASE_URL} iconName={logoUrl} iconAlt="">
              <div className="it-brand-title">Profila — Servizi Lavoro</div>
              <div className="it-brand-tagline">
                Identità digitale, profili aziendali e deleghe per i servizi del lavoro
              </div>
            </HeaderBrand>
          </HeaderContent>
        </Header>
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
      </div>
    </Headers>
  );
}
