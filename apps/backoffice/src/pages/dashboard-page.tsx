import { Icon } from 'design-react-kit';
import { Link } from 'react-router-dom';
import { usePageTitle } from '../site';
import { SECTIONS } from '../sections';
import { OperatorLoginCallout } from './operator-login-callout';

export function DashboardPage() {
  usePageTitle();

  return (
    <>
      <h1 className="mb-4">Cruscotto</h1>
      <OperatorLoginCallout />
      <div className="row g-4 mt-2">
        {SECTIONS.map((section) => (
          <div className="col-md-6" key={section.path}>
            <div className="card-wrapper h-100">
              <div className="card card-bg h-100">
                <div className="card-body">
                  <div className="d-flex align-items-center mb-2">
                    <Icon icon={section.icon} color="primary" aria-hidden className="me-2" />
                    <h2 className="card-title h5 mb-0">{section.title}</h2>
                  </div>
                  <p className="card-text font-sans-serif">{section.description}</p>
                  <Link className="read-more" to={`/${section.path}`}>
                    <span className="text">Apri</span>
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
