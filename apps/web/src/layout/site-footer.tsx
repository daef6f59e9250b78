import { logoUrl, OWNER_NAME, SiteFooter as FooterBands } from '@profila/ui';
import { Link } from 'react-router-dom';
import { SITE_NAME } from '../site';

export function SiteFooter() {
  return (
    <FooterBands>
      <div className="it-footer-main">
        <div className="container">
          <section>
            <div className="row clearfix">
              <div className="col-sm-12">
                <div className="it-brand-wrapper">
                  <Link to="/">
                    <img className="icon" src={logoUrl} alt="" />
                    <div className="it-brand-text">
                      <h2 className="no_toc">{SITE_NAME}</h2>
                      <h3 className="no_toc d-none d-md-block">{OWNER_NAME}</h3>
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
    </FooterBands>
  );
}
