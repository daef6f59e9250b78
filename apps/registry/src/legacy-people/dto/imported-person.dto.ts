import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { Trim } from '../../organizations/dto/fields.js';

export const PAGE_SIZES = [10, 25, 50, 100];

/** "Visualizza N elementi · Cerca:" of the list. */
export class ListImportedPeopleQuery {
  @ApiPropertyOptional({ description: 'Cerca: cognome, nome, codice fiscale, email, unità operativa' })
  @IsOptional()
  @Trim()
  @IsString({ message: 'Testo non valido' })
  @MaxLength(100, { message: 'Al massimo 100 caratteri' })
  cerca?: string;

  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'Pagina non valida' })
  @Min(1, { message: 'Pagina non valida' })
  pagina?: number;

  @ApiPropertyOptional({ enum: PAGE_SIZES, default: 10 })
  @IsOptional()
  @Type(() => Number)
  @IsIn(PAGE_SIZES, { message: 'Elementi per pagina: 10, 25, 50 o 100' })
  elementi?: number;
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
