import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { RESERVED_HOME } from './reserved-menu';

/** Breadcrumb (Home / Area riservata / page), the page's h1 and an optional lead paragraph. */
export function ReservedHeading({ title, children }: { title: string; children?: ReactNode }) {
  const isHome = title === 'Area riservata';
  return (
    <div className="mb-4">
      <nav className="breadcrumb-container" aria-label="Percorso di navigazione">
        <ol className="breadcrumb p-0">
          <li className="breadcrumb-item">
            <Link to="/">Home</Link>
            <span className="separator">/</span>
          </li>
          {!isHome && (
            <li className="breadcrumb-item">
              <Link to={RESERVED_HOME}>Area riservata</Link>
              <span className="separator">/</span>
            </li>
          )}
          <li className="breadcrumb-item active" aria-current="page">
            {title}
          </li>
        </ol>
      </nav>
      <h1 className="mb-3">{title}</h1>
      {children && <div className="lead">{children}</div>}
    </div>
  );
}
