import { Icon } from 'design-react-kit';
import { useLogout } from './use-logout';

/**
 * "Logout" as the last item of a menu (the header's user menu, the reserved area's side menu): ends the session here
 * and at the identity provider, says so while it happens, and shows why when it fails.
 */
export function LogoutMenuItem({ className }: { className: string }) {
  const { logout, pending, error } = useLogout();
  return (
    <li>
      <button type="button" className={`list-item ${className}`} onClick={() => void logout()} disabled={pending}>
        <Icon icon="it-logout" size="sm" color="primary" aria-hidden className="me-2" />
        <span>{pending ? 'Uscita in corso…' : 'Logout'}</span>
      </button>
      {error && (
        <p className="text-danger small px-3" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
