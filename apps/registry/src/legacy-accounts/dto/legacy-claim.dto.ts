import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class LegacyClaimDto {
  @ApiProperty({ description: "Username dell'utenza (aziendale o RAA) del vecchio portale" })
  @IsString()
  @MinLength(1, { message: 'Inserire lo username' })
  @MaxLength(64)
  username!: string;

  @ApiProperty({ description: "Password dell'utenza (aziendale o RAA) del vecchio portale" })
  @IsString()
  @MinLength(1, { message: 'Inserire la password' })
  @MaxLength(200)
  password!: string;
}

export class LegacyClaimPersonResponse {
  @ApiProperty() codiceFiscale!: string;
  @ApiProperty() nome!: string;
  @ApiProperty() cognome!: string;
  @ApiProperty({ type: String, nullable: true, description: 'YYYY-MM-DD' }) dataNascita!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Codice catastale' }) luogoNascita!: string | null;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
}

/** The organisation the legacy login belongs to, and its referent: what pre-fills the Amministratore nomination. */
export class LegacyClaimResponse {
  @ApiProperty() username!: string;
  @ApiProperty() organizationId!: string;
  @ApiProperty() codiceFiscale!: string;
  @ApiProperty() ragioneSociale!: string;
  @ApiProperty({ type: LegacyClaimPersonResponse, nullable: true }) referente!: LegacyClaimPersonResponse | null;
}

/** What the legacy RAA registration declared: what pre-fills the new "Registrazione avvocati ed enti autorizzati". */
export class LegacyRaaClaimResponse extends LegacyClaimPersonResponse {
  @ApiProperty() username!: string;
  @ApiProperty({ type: String, nullable: true }) pec!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Professione/Ruolo' }) professione!: string | null;
}
