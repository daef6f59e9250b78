// The lists of the portal as the manuals show them: "Visualizza N elementi", "Cerca:", the table, "Vista da X a Y di
// Z elementi" and the pages. Paging and search run on the server; the table only shows one page.
import { type FormEvent, type ReactNode, useEffect, useId, useState } from 'react';

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
}

export interface PageState {
  cerca: string;
  pagina: number;
  elementi: number;
}

export const PAGE_SIZES = [10, 25, 50, 100];

export function DataTable<T>({
  caption,
  columns,
  rows,
  total,
  page,
  onPage,
  rowKey,
  empty,
  loading,
  searchLabel = 'Cerca:',
}: {
  caption: string;
  columns: Array<Column<T>>;
  rows: T[];
  total: number;
  page: PageState;
  onPage: (page: PageState) => void;
  rowKey: (row: T) => string;
  empty: string;
  loading?: boolean;
  searchLabel?: string;
}) {
  const id = useId();
  const [search, setSearch] = useState(page.cerca);
  useEffect(() => setSearch(page.cerca), [page.cerca]);
  const pages = Math.max(1, Math.ceil(total / page.elementi));
  const from = total === 0 ? 0 : (page.pagina - 1) * page.elementi + 1;
  const to = Math.min(total, page.pagina * page.elementi);
  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    onPage({ ...page, cerca: search.trim(), pagina: 1 });
  };
  return (
    <div className="data-table">
      <div className="d-flex flex-wrap justify-content-between align-items-end gap-3 mb-2">
        <div className="d-flex align-items-center gap-2">
          <label htmlFor={`${id}-size`} className="mb-0">
            Visualizza
          </label>
          <select
            id={`${id}-size`}
            className="form-select form-select-sm w-auto"
            value={page.elementi}
            onChange={(event) => onPage({ ...page, elementi: Number(event.target.value), pagina: 1 })}
          >
            {PAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
          <span>elementi</span>
        </div>
        <form className="d-flex align-items-center gap-2" role="search" onSubmit={onSearch}>
          <label htmlFor={`${id}-search`} className="mb-0">
            {searchLabel}
          </label>
          <input
            id={`${id}-search`}
            type="search"
            className="form-control form-control-sm"
            value={search}
            maxLength={100}
            onChange={(event) => setSearch(event.target.value)}
          />
          <button type="submit" className="btn btn-outline-primary btn-sm">
            Cerca
          </button>
        </form>
      </div>
      <div className="table-responsive">
        <table className="table table-striped table-hover" aria-busy={loading || undefined}>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.header} scope="col">
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={rowKey(row)}>
                {columns.map((c) => (
                  <td key={c.header}>{c.cell(row)}</td>
                ))}
              </tr>
            ))}
            {rows.length === 0 && !loading && (
              <tr>
                <td colSpan={columns.length} className="text-center">
                  {empty}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <div className="d-flex flex-wrap justify-content-between align-items-center gap-2">
        <p className="mb-0 small" role="status">
          Vista da {from} a {to} di {total} elementi
        </p>
        {pages > 1 && (
          <nav className="pagination-wrapper mb-0" aria-label={`Pagine di ${caption}`}>
            <ul className="pagination mb-0">
              <li className={`page-item${page.pagina <= 1 ? ' disabled' : ''}`}>
                <button
                  type="button"
                  className="page-link"
                  disabled={page.pagina <= 1}
                  onClick={() => onPage({ ...page, pagina: page.pagina - 1 })}
                >
                  Precedente
                </button>
              </li>
              <li className="page-item active">
                <span className="page-link" aria-current="page">
                  {page.pagina} / {pages}
                </span>
              </li>
              <li className={`page-item${page.pagina >= pages ? ' disabled' : ''}`}>
                <button
                  type="button"
                  className="page-link"
                  disabled={page.pagina >= pages}
                  onClick={() => onPage({ ...page, pagina: page.pagina + 1 })}
                >
                  Successiva
                </button>
              </li>
            </ul>
          </nav>
        )}
      </div>
    </div>
  );
}
