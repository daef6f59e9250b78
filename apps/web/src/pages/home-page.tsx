import { Icon } from 'design-react-kit';
import { Link } from 'react-router-dom';
import { usePageTitle } from '../site';
import { displayName, LoginOptions, useSession } from '@profila/ui';
import { PORTAL_SERVICES } from './services';

export function HomePage() {
  usePageTitle();
  const { state } = useSession();

  return (
    <>
      <section className="home-intro" aria-labelledby="titolo-home">
        <div className="container py-5">
          <div className="row align-items-center g-4">
            <div className="col-lg-7">
              <h1 id="titolo-home" className="display-5 fw-bold">
                I servizi del lavoro con la tua identità digitale
              </h1>
              <p className="lead mt-3">
                Profila è il punto di accesso unico per cittadini, aziende, enti e consulenti: entra una volta con SPID,
                CIE o CPS e scegli se operare per te stesso o per un&apos;organizzazione per cui sei abilitato.
              </p>
              <Link className="btn btn-outline-primary mt-2" to="/servizi">
                Scopri i servizi
              </Link>
            </div>
            <div className="col-lg-5">
              <div className="card shadow-sm login-card" id="accedi">
                <div className="card-body p-4">
                  <h2 className="h4 card-title">Accedi ai servizi</h2>
                  {state.status === 'authenticated' ? (
                    <>
                      <p className="card-text font-sans-serif">
                        Hai già effettuato l&apos;accesso come {displayName(state.me)}.
                      </p>
                      <Link className="btn btn-primary" to="/area-riservata">
                        Vai all&apos;area riservata
                      </Link>
                    </>
                  ) : (
                    <>
                      <p className="card-text font-sans-serif">Scegli la tua identità digitale.</p>
                      <LoginOptions />
                    </>
                  )}
                </div>
              </div>
            </div>
          </div>
        </div>
      </section>

      <section className="py-5" aria-labelledby="titolo-servizi">
        <div className="container">
          <h2 id="titolo-servizi" className="mb-4">
            Cosa puoi fare
          </h2>
          <div className="row g-4">
            {PORTAL_SERVICES.map((service) => (
              <div className="col-md-6 col-lg-4" key={service.id}>
                <div className="card-wrapper h-100">
                  <div className="card card-bg h-100">
                    <div className="card-body">
                      <div className="d-flex align-items-center mb-3">
                        <Icon icon={service.icon} color="primary" size="lg" aria-hidden className="me-2" />
                        <h3 className="card-title h5 mb-0">{service.title}</h3>
                      </div>
                      <p className="card-text font-sans-serif">{service.summary}</p>
                      <Link className="read-more" to={`/servizi#${service.id}`}>
                        <span className="text">Approfondisci</span>
                        <Icon icon="it-arrow-right" aria-hidden />
                      </Link>
                    </div>
                  </div>
                </div>
              </div>
            ))}
          </div>
        </div>
      </section>

      <section className="py-5 section-muted" aria-labelledby="titolo-come-funziona">
        <div className="container">
          <h2 id="titolo-come-funziona" className="mb-4">
            Come funziona
          </h2>
          <ol className="row g-4 list-unstyled how-it-works">
            <li className="col-md-4">
              <h3 className="h5">1. Accedi</h3>
              <p>
                Con SPID, Carta d&apos;Identità Elettronica o Carta Provinciale dei Servizi. Il primo accesso crea il
                tuo account.
              </p>
            </li>
            <li className="col-md-4">
              <h3 className="h5">2. Scegli per chi operare</h3>
              <p>Il tuo account personale oppure un&apos;azienda o un ente che amministri o per cui hai una delega.</p>
            </li>
            <li className="col-md-4">
              <h3 className="h5">3. Usa i servizi</h3>
              <p>
                Aggiorna i dati, gestisci il profilo aziendale e le deleghe: le modifiche arrivano ai servizi collegati.
              </p>
            </li>
          </ol>
        </div>
      </section>
    </>
  );
}
