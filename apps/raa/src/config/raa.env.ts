import { loadEnv, ServiceEnv, withServiceDefaults } from '@profila/platform';

export class RaaEnv extends ServiceEnv {}

export function loadRaaEnv(source: NodeJS.ProcessEnv = process.env): RaaEnv {
  return withServiceDefaults(loadEnv(RaaEnv, source), 'raa');
}
