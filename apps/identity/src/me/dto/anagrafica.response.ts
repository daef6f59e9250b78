import { ApiProperty } from '@nestjs/swagger';

const text = { nullable: true, type: String } as const;
const date = { nullable: true, type: String, format: 'date' } as const;

export class DatiAnagraficiView {
  @ApiProperty() cognome!: string;
  @ApiProperty() nome!: string;
  @ApiProperty() codiceFiscale!: string;
  @ApiProperty({ nullable: true, enum: ['M', 'F'], type: String }) sesso!: string | null;
  @ApiProperty(date) dataNascita!: string | null;
  @ApiProperty(text) luogoNascita!: string | null;
  @ApiProperty(text) provinciaNascita!: string | null;
}

export class DocumentoView {
  @ApiProperty(text) tipo!: string | null;
  @ApiProperty(text) numero!: string | null;
  @ApiProperty(text) rilasciatoDa!: string | null;
  @ApiProperty(date) dataRilascio!: string | null;
  @ApiProperty(date) dataScadenza!: string | null;
}

export class DomicilioView {
  @ApiProperty(text) indirizzo!: string | null;
  @ApiProperty(text) comune!: string | null;
  @ApiProperty(text) provincia!: string | null;
  @ApiProperty(text) cap!: string | null;
}

export class RecapitiView {
  @ApiProperty(text) email!: string | null;
  @ApiProperty(text) cellulare!: string | null;
  @ApiProperty(text) pec!: string | null;
  @ApiProperty(text) telefono!: string | null;
  @ApiProperty(text) fax!: string | null;
}

export class AltriDatiView {
  @ApiProperty(text) cittadinanza!: string | null;
  @ApiProperty(text) titoloStudio!: string | null;
}

export class TitoloStudioView {
  @ApiProperty() codice!: string;
  @ApiProperty() descrizione!: string;
}

/** `GET|PUT /me/anagrafica`: "Gestione anagrafica", read-only data from the IdP and the fields the citizen edits. */
export class AnagraficaResponse {
  @ApiProperty({ type: DatiAnagraficiView }) anagrafica!: DatiAnagraficiView;
  @ApiProperty({ type: DocumentoView }) documento!: DocumentoView;
  @ApiProperty({ type: DomicilioView }) domicilio!: DomicilioView;
  @ApiProperty({ type: RecapitiView }) recapiti!: RecapitiView;
  @ApiProperty({ type: AltriDatiView }) altriDati!: AltriDatiView;
  @ApiProperty({ type: [String], description: 'Campi modificabili dal cittadino' }) editable!: string[];
  @ApiProperty({ type: [TitoloStudioView] }) titoliStudio!: TitoloStudioView[];
}
