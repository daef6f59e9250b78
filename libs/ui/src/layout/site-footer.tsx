import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';

/** The portal's legal pages, linked from the small prints of both UIs. */
export const LEGAL_LINKS = [
  { to: '/privacy', label: 'Privacy' },
  { to: '/note-legali', label: 'Note legali' },
  { to: '/accessibilita', label: 'Accessibilità' },
  { to: '/contatti', label: 'Contatti' },
];

/**
 * Bootstrap Italia's footer: an optional main band (`children`), then the small prints with the legal links. The
 * legal pages live on the portal: a UI served under another base path (back office) links them as plain addresses.
 */
export function SiteFooter({
  children,
  legalPagesOutside = false,
  containerClassName = 'container',
}: {
  children?: ReactNode;
  legalPagesOutside?: boolean;
  containerClassName?: string;
}) {
  return (
    <footer className="it-footer" id="footer">
      {children}
      <div className="it-footer-small-prints clearfix">
        <div className={containerClassName}>
          <h3 className="visually-hidden">Link utili</h3>
          <ul className="it-footer-small-prints-list list-inline mb-0 d-flex flex-column flex-md-row">
            {LEGAL_LINKS.map((link) => (
              <li className="list-inline-item" key={link.to}>
                {legalPagesOutside ? <a href={link.to}>{link.label}</a> : <Link to={link.to}>{link.label}</Link>}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </footer>
  );
}
