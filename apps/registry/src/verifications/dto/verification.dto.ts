import { ApiProperty } from '@nestjs/swagger';

/** What admin-verification needs of an organisation a request names. */
export class VerificationOrganizationResponse {
  @ApiProperty() organizationId!: string;
  @ApiProperty() kind!: string;
  @ApiProperty({ type: String, nullable: true }) codiceFiscale!: string | null;
  @ApiProperty() ragioneSociale!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Sede legale: codice catastale' })
  sedeComune!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Sede legale: sigla della provincia' })
  sedeProvincia!: string | null;
  @ApiProperty({ type: String, nullable: true }) responsabileUnicoCf!: string | null;
}

export class RaaProfileResponse {
  @ApiProperty() codiceFiscale!: string;
  @ApiProperty() professione!: string;
  @ApiProperty() enabledAt!: string;
}
