import { Citizen } from '../citizens/citizen.entity.js';
import { Session } from '../sessions/session.entity.js';

export const IDENTITY_ENTITIES = [Citizen, Session];
