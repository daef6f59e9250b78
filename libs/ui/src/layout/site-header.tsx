import { Header, HeaderBrand, HeaderContent, HeaderRightZone, Headers } from 'design-react-kit';
import type { ReactNode } from 'react';
import logoUrl from '../assets/profila-logo.svg';

/** The owner's name in the slim band, the same in both UIs. */
export const OWNER_NAME = 'Regione / Profila';

/**
 * The header of an Italian PA site as laid out by Bootstrap Italia: the slim band (owner, access or user box on the
 * right), the center band (logo, site title, tagline), then, if given, the navbar band.
 */
export function SiteHeader({
  title,
  tagline,
  slimRight,
  small,
  navbar,
}: {
  title: string;
  tagline: string;
  /** Right of the slim band: the login button, or the user box once logged in. */
  slimRight: ReactNode;
  /** The smaller center band (back office). */
  small?: boolean;
  /** The navbar band (portal's main navigation). */
  navbar?: ReactNode;
}) {
  return (
    <Headers shadow>
      <Header type="slim">
        <HeaderContent>
          <HeaderBrand responsive tag="span">
            {OWNER_NAME}
          </HeaderBrand>
          <HeaderRightZone>{slimRight}</HeaderRightZone>
        </HeaderContent>
      </Header>
      <div className="it-nav-wrapper">
        <Header type="center" small={small}>
          <HeaderContent>
            <HeaderBrand href={import.meta.env.BASE_URL} iconName={logoUrl} iconAlt="">
              <div className="it-brand-title">{title}</div>
              <div className="it-brand-tagline">{tagline}</div>
            </HeaderBrand>
          </HeaderContent>
        </Header>
        {navbar}
      </div>
    </Headers>
  );
}

export { logoUrl };
