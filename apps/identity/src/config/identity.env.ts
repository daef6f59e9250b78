import { loadEnv, ServiceEnv, withServiceDefaults } from '@profila/platform';

export class IdentityEnv extends ServiceEnv {}

export function loadIdentityEnv(source: NodeJS.ProcessEnv = process.env): IdentityEnv {
  return withServiceDefaults(loadEnv(IdentityEnv, source), 'identity');
}
