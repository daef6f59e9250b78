import { ApiProperty } from '@nestjs/swagger';

export class ActingForResponse {
  @ApiProperty()
  organizationId!: string;

  @ApiProperty()
  ragioneSociale!: string;

  @ApiProperty({ description: "Codice fiscale dell'organizzazione" })
  codiceFiscale!: string;
}

/** `GET /me`: who is logged in, at which SPID level, for whom they act. */
export class MeResponse {
  @ApiProperty({ example: 'RSSMRA80A01H501U' })
  codiceFiscale!: string;

  @ApiProperty()
  nome!: string;

  @ApiProperty()
  cognome!: string;

  @ApiProperty({ enum: [1, 2, 3] })
  spidLevel!: number;

  @ApiProperty({ description: "entityID del gestore dell'identità digitale" })
  idp!: string;

  @ApiProperty({ type: ActingForResponse, nullable: true })
  actingFor!: ActingForResponse | null;
}

export class ActingOptionResponse extends ActingForResponse {
  @ApiProperty({ type: [String] })
  roles!: string[];
}

/** `GET /me/profiles`: the current profile and the organisations the citizen may act for now. */
export class ProfilesResponse {
  @ApiProperty({ nullable: true, type: String })
  current!: string | null;

  @ApiProperty({ type: [ActingOptionResponse] })
  organizations!: ActingOptionResponse[];
}

/** `PUT /me/acting-as`: the profile now in use (null: personal). */
export class ActingAsResponse {
  @ApiProperty({ nullable: true, type: String })
  current!: string | null;
}
