import { SkipLinks, useScrollOnNavigate } from '@profila/ui';
import { Outlet, useLocation } from 'react-router-dom';
import { noticeOf } from './notice';
import { SiteFooter } from './site-footer';
import { SiteHeader } from './site-header';

export function SiteLayout() {
  const location = useLocation();
  const notice = noticeOf(location);
  useScrollOnNavigate();

  return (
    <>
      <SkipLinks footer />
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
