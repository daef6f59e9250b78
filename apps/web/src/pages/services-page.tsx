import { Icon } from 'design-react-kit';
import { Link } from 'react-router-dom';
import { usePageTitle } from '../site';
import { PageHeading } from '@profila/ui';
import { PORTAL_SERVICES } from './services';

export function ServicesPage() {
  usePageTitle('Servizi');

  return (
    <>
      <PageHeading title="Servizi">
        Dopo l&apos;accesso trovi i servizi nel menu del tuo account, in alto a destra.
      </PageHeading>
      <div className="container pb-5">
        {PORTAL_SERVICES.map((service) => (
          <section key={service.id} id={service.id} className="mb-5" aria-labelledby={`titolo-${service.id}`}>
            <h2 id={`titolo-${service.id}`} className="h3 d-flex align-items-center">
              <Icon icon={service.icon} color="primary" aria-hidden className="me-2" />
              {service.title}
            </h2>
            <p>{service.summary}</p>
            <ul>
              {service.features.map((feature) => (
                <li key={feature}>{feature}</li>
              ))}
            </ul>
          </section>
        ))}
        <Link className="btn btn-primary" to="/accedi">
          Accedi ai servizi
        </Link>
      </div>
    </>
  );
}
