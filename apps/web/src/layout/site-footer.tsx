import { Link } from 'react-router-dom';
import logoUrl from '../assets/profila-logo.svg';

const LEGAL_LINKS = [
  { to: '/privacy', label: 'Privacy' },
  { to: '/note-legali', label: 'Note legali' },
  { to: '/accessibilita', label: 'Accessibilità' },
  { to: '/contatti', label: 'Contatti' },
];

export function SiteFooter() {
  return (
    <footer className="it-footer" id="footer">
      <div className="it-footer-main">
        <div className="container">
          <section>
            <div className="row clearfix">
              <div className="col-sm-12">
                <div className="it-brand-wrapper">
                  <Link to="/">
                    <img className="icon" src={logoUrl} alt="" />
                    <div className="it-brand-text">
                      <h2 className="no_toc">Profila — Servizi Lavoro</h2>
                      <h3 className="no_toc d-none d-md-block">Regione / Profila</h3>
                    </div>
                  </Link>
                </div>
              </div>
            </div>
          </section>
          <section className="py-4 border-white border-top">
            <div className="row">
              <div className="col-lg-4 col-md-4 pb-2">
                <h4>Servizi</h4>
                <div className="link-list-wrapper">
                  <ul className="footer-list link-list clearfix">
                    <li>
                      <Link to="/servizi#anagrafica">Gestione anagrafica</Link>
                    </li>
                    <li>
                      <Link to="/servizi#profili">Gestione profili aziendali</Link>
                    </li>
                    <li>
                      <Link to="/servizi#deleghe">Gestione deleghe</Link>
                    </li>
                  </ul>
                </div>
              </div>
              <div className="col-lg-4 col-md-4 pb-2">
                <h4>Identità digitale</h4>
                <div className="link-list-wrapper">
                  <ul className="footer-list link-list clearfix">
                    <li>
                      <a href="https://www.spid.gov.it/" rel="noreferrer">
                        SPID — Sistema Pubblico di Identità Digitale
                      </a>
                    </li>
                    <li>
                      <a href="https://www.cartaidentita.interno.gov.it/" rel="noreferrer">
                        CIE — Carta d&apos;Identità Elettronica
                      </a>
                    </li>
                    <li>
                      <Link to="/accedi">CPS — Carta Provinciale dei Servizi</Link>
                    </li>
                  </ul>
                </div>
              </div>
              <div className="col-lg-4 col-md-4 pb-2">
                <h4>Assistenza</h4>
                <p>
                  Per problemi di accesso o sui dati della tua azienda consulta la pagina{' '}
                  <Link to="/contatti">Contatti</Link>.
                </p>
              </div>
            </div>
          </section>
        </div>
      </div>
      <div className="it-footer-small-prints clearfix">
        <div className="container">
          <h3 className="visually-hidden">Link utili</h3>
          <ul className="it-footer-small-prints-list list-inline mb-0 d-flex flex-column flex-md-row">
            {LEGAL_LINKS.map((link) => (
              <li className="list-inline-item" key={link.to}>
                <Link to={link.to}>{link.label}</Link>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </footer>
  );
}
