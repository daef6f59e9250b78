import { KnownCitizen } from '../citizens/known-citizen.entity.js';

export const DELEGATION_ENTITIES = [KnownCitizen];
