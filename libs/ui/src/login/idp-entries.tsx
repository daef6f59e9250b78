import type { LoginKind } from '../api/identity-session';
import { loginUrl } from './login-url';
import type { IdpList } from './use-idps';

/** The list of identity providers of one kind, each a link that starts the login there. */
export function IdpEntries({
  kind,
  list,
  label,
  returnTo,
  className,
}: {
  kind: LoginKind;
  list: IdpList;
  label: string;
  returnTo?: string;
  className?: string;
}) {
  if (list.state === 'loading') {
    return (
      <p className="idp-status" role="status">
        Caricamento dei gestori in corso…
      </p>
    );
  }
  if (list.state === 'error') {
    return (
      <p className="idp-status text-danger" role="alert">
        {list.message} Riprova più tardi.
      </p>
    );
  }
  if (list.idps.length === 0) {
    return (
      <p className="idp-status" role="status">
        Nessun gestore disponibile al momento per questo tipo di accesso.
      </p>
    );
  }
  return (
    <ul className={className} aria-label={label}>
      {list.idps.map((idp) => (
        <li key={idp.entityId}>
          <a className="idp-entry" href={loginUrl(kind, idp.entityId, returnTo)}>
            {idp.name}
          </a>
        </li>
      ))}
    </ul>
  );
}
