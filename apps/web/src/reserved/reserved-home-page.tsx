import { Icon } from 'design-react-kit';
import { Link } from 'react-router-dom';
import { usePageTitle } from '../site';
import { actingAsLabel, displayName, useSession } from '@profila/ui';
import { ReservedHeading } from './reserved-heading';

const SERVICES = [
  {
    to: '/area-riservata/anagrafica',
    title: 'Gestione anagrafica',
    icon: 'it-user',
    text: 'Consulta i dati della tua identità digitale e aggiorna cittadinanza, PEC, telefono, fax e titolo di studio.',
  },
  {
    to: '/area-riservata/profili',
    title: 'Gestione profili',
    icon: 'it-pa',
    text: "Scegli se operare come utente privato o per un'azienda o un ente per cui sei abilitato.",
  },
  {
    to: '/area-riservata/deleghe',
    title: 'Gestione deleghe',
    icon: 'it-sign',
    text: 'Delega altre persone a operare per la tua azienda e gestisci le deleghe ricevute.',
  },
];

/** "Home dei servizi": where the login lands. */
export function ReservedHomePage() {
  usePageTitle('Area riservata');
  const { state } = useSession();
  if (state.status !== 'authenticated') return null;
  const { me } = state;

  return (
    <>
      <ReservedHeading title="Area riservata">Benvenuto, {displayName(me)}.</ReservedHeading>
      <p>
        Stai operando come <strong>{actingAsLabel(me)}</strong>.{' '}
        <Link to="/area-riservata/profili">Cambia tipologia di utente</Link>
      </p>
      <div className="row g-4 mt-1">
        {SERVICES.map((service) => (
          <div className="col-md-6 col-xl-4" key={service.to}>
            <div className="card-wrapper h-100">
              <div className="card card-bg h-100">
                <div className="card-body">
                  <div className="d-flex align-items-center mb-3">
                    <Icon icon={service.icon} color="primary" aria-hidden className="me-2" />
                    <h2 className="card-title h5 mb-0">{service.title}</h2>
                  </div>
                  <p className="card-text font-sans-serif">{service.text}</p>
                  <Link className="read-more" to={service.to}>
                    <span className="text">Vai a {service.title.toLowerCase()}</span>
                    <Icon icon="it-arrow-right" aria-hidden />
                  </Link>
                </div>
              </div>
            </div>
          </div>
        ))}
      </div>
    </>
  );
}
