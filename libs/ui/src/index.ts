// @profila/ui: what apps/web and apps/backoffice share. TSX sources bundled by each UI's Vite build (never compiled by
// scripts/build.mjs). Importing it brings its styles: the design system's fonts, then the shared components' styles.
// A UI's entry imports Bootstrap Italia's CSS first, then this lib, then its own CSS, so that this order holds.
import './fonts.css';
import './ui.css';

export * from './api/http';
export * from './api/identity-session';
export * from './dialogs/dialog';
export * from './forms/form-fields';
export * from './layout/page-heading';
export * from './layout/site-footer';
export * from './layout/site-header';
export * from './layout/skip-links';
export * from './layout/use-dropdown';
export * from './layout/use-page-title';
export * from './layout/user-box';
export * from './login/idp-chooser';
export * from './login/idp-entries';
export * from './login/login-options';
export * from './login/login-url';
export * from './login/spid-button';
export * from './login/use-idps';
export * from './session/session-context';
export * from './session/use-logout';
export * from './session/logout-button';
export * from './tables/data-table';
