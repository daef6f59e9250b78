import type { Citizen } from '../citizen.entity.js';

export class CitizenResponse {
  codiceFiscale!: string;
  nome!: string;
  cognome!: string;
  email!: string | null;
  firstLoginAt!: string | null;
  lastLoginAt!: string | null;

  static of(c: Citizen): CitizenResponse {
    return {
      codiceFiscale: c.codiceFiscale,
      nome: c.nome,
      cognome: c.cognome,
      email: c.email,
      firstLoginAt: c.firstLoginAt?.toISOString() ?? null,
      lastLoginAt: c.lastLoginAt?.toISOString() ?? null,
    };
  }
}
