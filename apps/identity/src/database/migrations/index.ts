import { MessagingTables1763900000000 } from '@profila/messaging';
import { CreateCitizen1763900000100 } from './1763900000100-create-citizen.js';
import { LoginSessionsAnagrafica1763900000110 } from './1763900000110-login-sessions-anagrafica.js';
import { LoginHardening1763900000120 } from './1763900000120-login-hardening.js';

/** Every migration of the identity database, in order. */
export const IDENTITY_MIGRATIONS = [
  MessagingTables1763900000000,
  CreateCitizen1763900000100,
  LoginSessionsAnagrafica1763900000110,
  LoginHardening1763900000120,
];
