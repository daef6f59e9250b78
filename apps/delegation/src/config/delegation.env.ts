import { loadEnv, ServiceEnv, withServiceDefaults } from '@profila/platform';

export class DelegationEnv extends ServiceEnv {}

export function loadDelegationEnv(source: NodeJS.ProcessEnv = process.env): DelegationEnv {
  return withServiceDefaults(loadEnv(DelegationEnv, source), 'delegation');
}
