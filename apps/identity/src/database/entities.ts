import { Citizen } from '../citizens/citizen.entity.js';

export const IDENTITY_ENTITIES = [Citizen];
