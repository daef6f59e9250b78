import { Citizen } from '../citizens/citizen.entity.js';
import { AuthnRequestEntity } from '../login/authn-request.entity.js';
import { IdpLogoutRequestEntity } from '../login/idp-logout-request.entity.js';
import { Session } from '../sessions/session.entity.js';
import { SpidLogEntry } from '../spid-log/spid-log-entry.entity.js';

export const IDENTITY_ENTITIES = [Citizen, Session, AuthnRequestEntity, IdpLogoutRequestEntity, SpidLogEntry];
