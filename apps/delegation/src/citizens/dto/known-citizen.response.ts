import { ApiProperty } from '@nestjs/swagger';

/** A citizen who has logged in at least once, and so may receive a delega. */
export class KnownCitizenResponse {
  @ApiProperty({ example: 'RSSMRA80A01H501U' })
  codiceFiscale!: string;

  @ApiProperty({ example: 'Mario' })
  nome!: string;

  @ApiProperty({ example: 'Rossi' })
  cognome!: string;
}

export class KnownCitizenSearchResponse {
  @ApiProperty({ type: [KnownCitizenResponse], description: 'At most 20, in codice fiscale order' })
  citizens!: KnownCitizenResponse[];
}
