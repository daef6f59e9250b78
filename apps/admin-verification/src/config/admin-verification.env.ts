import { loadEnv, ServiceEnv, withServiceDefaults } from '@profila/platform';

export class AdminVerificationEnv extends ServiceEnv {}

export function loadAdminVerificationEnv(source: NodeJS.ProcessEnv = process.env): AdminVerificationEnv {
  return withServiceDefaults(loadEnv(AdminVerificationEnv, source), 'admin-verification');
}
