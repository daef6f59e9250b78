import { loadEnv, ServiceEnv, withServiceDefaults } from '@profila/platform';

export class RegistryEnv extends ServiceEnv {}

export function loadRegistryEnv(source: NodeJS.ProcessEnv = process.env): RegistryEnv {
  return withServiceDefaults(loadEnv(RegistryEnv, source), 'registry');
}
