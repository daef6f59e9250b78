import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';

/** Breadcrumb back to the home page, the page title and an optional lead paragraph. */
export function PageHeading({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="container pt-4">
      <nav className="breadcrumb-container" aria-label="Percorso di navigazione">
        <ol className="breadcrumb p-0">
          <li className="breadcrumb-item">
            <Link to="/">Home</Link>
            <span className="separator">/</span>
          </li>
          <li className="breadcrumb-item active" aria-current="page">
            {title}
          </li>
        </ol>
      </nav>
      <h1 className="mb-3">{title}</h1>
      {children && <div className="lead mb-4">{children}</div>}
    </div>
  );
}
