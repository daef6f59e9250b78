import { HOME_CRUMB, PageHeading } from '@profila/ui';
import type { ReactNode } from 'react';
import { RESERVED_HOME } from './reserved-menu';

/** Breadcrumb (Home / Area riservata / page), the page's h1 and an optional lead paragraph. */
export function ReservedHeading({ title, children }: { title: string; children?: ReactNode }) {
  const isHome = title === 'Area riservata';
  return (
    <PageHeading
      title={title}
      trail={isHome ? [HOME_CRUMB] : [HOME_CRUMB, { to: RESERVED_HOME, label: 'Area riservata' }]}
      className="mb-4"
      leadClassName="lead"
    >
      {children}
    </PageHeading>
  );
}
