import { IdpChooser, isLoginKind, KIND_LABELS, PageHeading } from '@profila/ui';
import { useSearchParams } from 'react-router-dom';
import { OPERATOR_RETURN_TO, usePageTitle } from '../site';

const TITLE = 'Accedi come operatore';

/**
 * `/backoffice/accedi`: the identity-provider chooser of the portal (same component), whose every provider link
 * asks the identity service to bring the operator back to the back office (`returnTo=/backoffice/`).
 */
export function OperatorLoginPage() {
  const [params] = useSearchParams();
  const requested = params.get('kind');
  const kind = isLoginKind(requested) ? requested : null;
  usePageTitle(TITLE);

  return (
    <>
      <PageHeading title={TITLE} trail={[{ to: '/', label: 'Cruscotto' }]} className="mb-4" leadClassName="lead">
        {kind
          ? `${KIND_LABELS[kind].long}: scegli il gestore con cui entrare.`
          : 'Entra con la tua identità digitale: scegli il gestore che ti ha rilasciato le credenziali.'}
      </PageHeading>
      <IdpChooser kind={kind} returnTo={OPERATOR_RETURN_TO} />
    </>
  );
}
