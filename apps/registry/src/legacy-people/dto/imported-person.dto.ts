import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '@profila/platform';
import { Trim } from '../../organizations/dto/fields.js';

/** "Visualizza N elementi · Cerca:" of the list. */
export class ListImportedPeopleQuery extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Cerca: cognome, nome, codice fiscale, email, unità operativa' })
  @IsOptional()
  @Trim()
  @IsString({ message: 'Testo non valido' })
  @MaxLength(100, { message: 'Al massimo 100 caratteri' })
  cerca?: string;
}

export class BirthPlaceResponse {
  @ApiProperty({ example: 'I921' }) codiceBelfiore!: string;
  @ApiProperty({ example: 'Sassari' }) nome!: string;
  @ApiPropertyOptional({ example: 'SS', description: 'Sigla della provincia (assente per uno stato estero)' })
  provincia?: string;
}

/** A person the legacy system named for the organisation, not (or no longer) in its organigram. */
export class ImportedPersonResponse {
  @ApiProperty({ format: 'uuid', description: 'Il collegamento importato (persona ↔ organizzazione / sede)' })
  id!: string;

  @ApiProperty({ example: 'VNTLNZ88B26I921M' }) codiceFiscale!: string;
  @ApiProperty({ example: 'Venturi' }) cognome!: string;
  @ApiProperty({ example: 'Lorenzo' }) nome!: string;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '1988-02-26' }) dataNascita!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'I921', description: 'Codice Belfiore del luogo di nascita' })
  luogoNascitaCodice!: string | null;

  @ApiProperty({ type: BirthPlaceResponse, nullable: true }) luogoNascita!: BirthPlaceResponse | null;

  @ApiProperty({
    enum: ['referente', 'personale'],
    description: "Ruolo nel sistema precedente: referente dell'azienda o personale di una sede",
  })
  ruolo!: 'referente' | 'personale';

  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: "L'unità operativa (sede) collegata" })
  unitaId!: string | null;

  @ApiProperty({ type: String, nullable: true }) unitaDescrizione!: string | null;

  @ApiProperty({ format: 'date-time' }) importatoIl!: string;
}

export class ImportedPeoplePageResponse {
  @ApiProperty({ type: [ImportedPersonResponse] }) items!: ImportedPersonResponse[];
  @ApiProperty() totale!: number;
  @ApiProperty() pagina!: number;
  @ApiProperty() elementi!: number;
}
