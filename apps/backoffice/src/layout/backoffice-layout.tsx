import { useEffect } from 'react';
import { Outlet, useLocation } from 'react-router-dom';
import { BackofficeHeader } from './backoffice-header';
import { BackofficeSidebar } from './backoffice-sidebar';

export function BackofficeLayout() {
  const { pathname } = useLocation();
  // Block body on purpose: recent Chromium returns a promise from scrollTo, which React would take for a cleanup.
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [pathname]);

  return (
    <>
      <div className="skiplinks">
        <a className="visually-hidden-focusable" href="#contenuto">
          Vai al contenuto principale
        </a>
      </div>
      <BackofficeHeader />
      <div className="container-xxl py-4">
        <div className="row">
          <aside className="col-lg-3 mb-4">
            <BackofficeSidebar />
          </aside>
          <main id="contenuto" className="col-lg-9" tabIndex={-1}>
            <Outlet />
          </main>
        </div>
      </div>
      <footer className="it-footer" id="footer">
        <div className="it-footer-small-prints clearfix">
          <div className="container-xxl">
            <h3 className="visually-hidden">Link utili</h3>
            <ul className="it-footer-small-prints-list list-inline mb-0 d-flex flex-column flex-md-row">
              {/* The legal pages live on the public portal, outside the back office's base path. */}
              <li className="list-inline-item">
                <a href="/privacy">Privacy</a>
              </li>
              <li className="list-inline-item">
                <a href="/note-legali">Note legali</a>
              </li>
              <li className="list-inline-item">
                <a href="/accessibilita">Accessibilità</a>
              </li>
              <li className="list-inline-item">
                <a href="/contatti">Contatti</a>
              </li>
            </ul>
          </div>
        </div>
      </footer>
    </>
  );
}
