import { usePageTitle } from '../site';
import type { BackofficeSection } from '../sections';
import { OperatorLoginCallout } from './operator-login-callout';

export function SectionPage({ section }: { section: BackofficeSection }) {
  usePageTitle(section.title);

  return (
    <>
      <h1 className="mb-3">{section.title}</h1>
      <p className="lead">{section.description}</p>
      <div className="empty-state my-4">
        <p className="mb-0">{section.emptyState}</p>
      </div>
      <OperatorLoginCallout />
    </>
  );
}
