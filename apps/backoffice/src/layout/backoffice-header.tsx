import { SiteHeader, UserBox, useSession } from '@profila/ui';
import { Link } from 'react-router-dom';
import { OPERATOR_LOGIN_PATH, SITE_NAME } from '../site';

const OPERATOR_MENU = [{ to: '/', label: 'Cruscotto', icon: 'it-pa' }];

export function BackofficeHeader() {
  const { state } = useSession();
  return (
    <SiteHeader
      small
      title={SITE_NAME}
      tagline="Area riservata agli operatori di Regione, Centri per l'impiego e Province"
      slimRight={
        state.status === 'authenticated' ? (
          <UserBox me={state.me} menuLabel="Menu del back office" items={OPERATOR_MENU} />
        ) : (
          <div className="it-access-top-wrapper">
            <Link className="btn btn-primary btn-sm" to={OPERATOR_LOGIN_PATH}>
              Accedi come operatore
            </Link>
          </div>
        )
      }
    />
  );
}
