import { useEffect } from 'react';
import { Outlet, useLocation } from 'react-router-dom';
import { noticeOf } from './notice';
import { SiteFooter } from './site-footer';
import { SiteHeader } from './site-header';

export function SiteLayout() {
  const location = useLocation();
  const { pathname, hash } = location;
  const notice = noticeOf(location);
  // A client-side navigation keeps the previous page's scroll position: go to the anchor if any, else to the top.
  useEffect(() => {
    const target = hash ? document.getElementById(decodeURIComponent(hash.slice(1))) : null;
    if (target) target.scrollIntoView();
    else window.scrollTo(0, 0);
  }, [pathname, hash]);

  return (
    <>
      <div className="skiplinks">
        <a className="visually-hidden-focusable" href="#contenuto">
          Vai al contenuto principale
        </a>
        <a className="visually-hidden-focusable" href="#footer">
          Vai al piè di pagina
        </a>
      </div>
      <SiteHeader />
      <main id="contenuto" tabIndex={-1}>
        {notice && (
          <div className="container pt-4">
            <div className={`alert alert-${notice.kind} mb-0`} role="status">
              {notice.text}
            </div>
          </div>
        )}
        <Outlet />
      </main>
      <SiteFooter />
    </>
  );
}
