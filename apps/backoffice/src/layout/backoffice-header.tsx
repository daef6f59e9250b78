import { Header, HeaderBrand, HeaderContent, HeaderRightZone, Headers } from 'design-react-kit';
import logoUrl from '../assets/profila-logo.svg';
import { OPERATOR_LOGIN_URL } from '../login-url';

export function BackofficeHeader() {
  return (
    <Headers shadow>
      <Header type="slim">
        <HeaderContent>
          <HeaderBrand responsive tag="span">
            Regione / Profila
          </HeaderBrand>
          <HeaderRightZone>
            <div className="it-access-top-wrapper">
              <a className="btn btn-primary btn-sm" href={OPERATOR_LOGIN_URL}>
                Accedi come operatore
              </a>
            </div>
          </HeaderRightZone>
        </HeaderContent>
      </Header>
      <div className="it-nav-wrapper">
        <Header type="center" small>
          <HeaderContent>
            <HeaderBrand href={import.meta.env.BASE_URL} iconName={logoUrl} iconAlt="">
              <div className="it-brand-title">Profila — Back office operatori</div>
              <div className="it-brand-tagline">
                Area riservata agli operatori di Regione, Centri per l&apos;impiego e Province
              </div>
            </HeaderBrand>
          </HeaderContent>
        </Header>
      </div>
    </Headers>
  );
}
