import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';

export interface Crumb {
  to: string;
  label: string;
}

export const HOME_CRUMB: Crumb = { to: '/', label: 'Home' };

/** Bootstrap Italia's breadcrumb: the pages above this one as links, then the current page. */
export function Breadcrumbs({ trail, current }: { trail: Crumb[]; current: string }) {
  return (
    <nav className="breadcrumb-container" aria-label="Percorso di navigazione">
      <ol className="breadcrumb p-0">
        {trail.map((crumb) => (
          <li className="breadcrumb-item" key={crumb.to}>
            <Link to={crumb.to}>{crumb.label}</Link>
            <span className="separator">/</span>
          </li>
        ))}
        <li className="breadcrumb-item active" aria-current="page">
          {current}
        </li>
      </ol>
    </nav>
  );
}

/** The breadcrumb (Home by default), the page's h1 and an optional lead paragraph. */
export function PageHeading({
  title,
  trail = [HOME_CRUMB],
  className = 'container pt-4',
  leadClassName = 'lead mb-4',
  children,
}: {
  title: string;
  trail?: Crumb[];
  /** The wrapper's classes: a container of its own on a full-width page, `mb-4` inside a column. */
  className?: string;
  leadClassName?: string;
  children?: ReactNode;
}) {
  return (
    <div className={className}>
      <Breadcrumbs trail={trail} current={title} />
      <h1 className="mb-3">{title}</h1>
      {children && <div className={leadClassName}>{children}</div>}
    </div>
  );
}
