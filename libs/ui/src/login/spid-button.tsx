import { useDropdown } from '../layout/use-dropdown';
import { IdpEntries } from './idp-entries';
import { useIdps } from './use-idps';

/**
 * "Entra con SPID" with the look of AgID's official access button (blue, SPID glyph, Titillium, 600).
 * It opens the menu of the SPID identity providers (loaded from the identity service on first opening), followed by
 * AgID's mandatory information links.
 */
export function SpidButton({ menuId = 'spid-idp-menu', returnTo }: { menuId?: string; returnTo?: string }) {
  const { open, setOpen, wrapper, toggle: button } = useDropdown();
  const idps = useIdps('spid', open);

  return (
    <div className="spid-access" ref={wrapper}>
      <button
        type="button"
        ref={button}
        className="login-button spid-button"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen(!open)}
      >
        <span className="login-button-icon">
          <SpidGlyph />
        </span>
        <span className="login-button-text">Entra con SPID</span>
      </button>
      {open && (
        <div id={menuId} className="spid-idp-menu">
          <p className="spid-idp-title">Scegli il tuo gestore di identità digitale</p>
          <IdpEntries
            kind="spid"
            list={idps}
            label="Gestori di identità SPID"
            className="spid-idp-list"
            returnTo={returnTo}
          />
          <ul className="spid-idp-support" aria-label="Informazioni su SPID">
            <li>
              <a href="https://www.spid.gov.it/" rel="noreferrer">
                Maggiori informazioni su SPID
              </a>
            </li>
            <li>
              <a href="https://www.spid.gov.it/richiedi-spid" rel="noreferrer">
                Non hai SPID?
              </a>
            </li>
            <li>
              <a href="https://www.spid.gov.it/serve-aiuto" rel="noreferrer">
                Serve aiuto?
              </a>
            </li>
          </ul>
        </div>
      )}
    </div>
  );
}

/** The SPID person-in-a-circle glyph, drawn inline so the button never waits for an image. */
function SpidGlyph() {
  return (
    <svg viewBox="0 0 32 32" width="29" height="29" aria-hidden="true" focusable="false">
      <circle cx="16" cy="16" r="16" fill="#fff" />
      <circle cx="16" cy="11.6" r="4.6" fill="#06c" />
      <path
        d="M7.6 25.2c.9-5 4.2-8.1 8.4-8.1s7.5 3.1 8.4 8.1A11.9 11.9 0 0 1 16 28.4a11.9 11.9 0 0 1-8.4-3.2z"
        fill="#06c"
      />
    </svg>
  );
}
