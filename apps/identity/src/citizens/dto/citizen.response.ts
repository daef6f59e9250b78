import { ApiProperty } from '@nestjs/swagger';
import type { Citizen } from '../citizen.entity.js';

export class CitizenResponse {
  @ApiProperty({ example: 'RSSMRA80A01H501U' })
  codiceFiscale!: string;

  @ApiProperty({ example: 'Mario' })
  nome!: string;

  @ApiProperty({ example: 'Rossi' })
  cognome!: string;

  @ApiProperty({ nullable: true, type: String })
  email!: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  firstLoginAt!: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
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

/** `PUT /citizens/:codiceFiscale`: whether the account was created now, and the account. */
export class UpsertCitizenResponse {
  @ApiProperty()
  created!: boolean;

  @ApiProperty({ type: CitizenResponse })
  citizen!: CitizenResponse;
}
