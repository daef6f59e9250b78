import { useEffect } from 'react';
import { useLocation } from 'react-router-dom';

/** The skip links every page starts with (Legge 4/2004): to the content, and to the footer where there is one. */
export function SkipLinks({ footer = false }: { footer?: boolean }) {
  return (
    <div className="skiplinks">
      <a className="visually-hidden-focusable" href="#contenuto">
        Vai al contenuto principale
      </a>
      {footer && (
        <a className="visually-hidden-focusable" href="#footer">
          Vai al piè di pagina
        </a>
      )}
    </div>
  );
}

/**
 * A client-side navigation keeps the previous page's scroll position: go to the anchor if any, else to the top.
 * Block bodies on purpose: recent Chromium returns a promise from scrollTo, which React would take for a cleanup.
 */
export function useScrollOnNavigate(): void {
  const { pathname, hash } = useLocation();
  useEffect(() => {
    const target = hash ? document.getElementById(decodeURIComponent(hash.slice(1))) : null;
    if (target) target.scrollIntoView();
    else window.scrollTo(0, 0);
  }, [pathname, hash]);
}
