import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';

/** Normalises a codice fiscale path parameter (upper case) and refuses malformed ones with a 400. */
@Injectable()
export class CodiceFiscalePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    const cf = String(value).trim().toUpperCase();
    if (!/^[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-EHLMPR-T][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/.test(cf)) {
      throw new BadRequestException({ code: 'INVALID_CODICE_FISCALE', message: 'Codice fiscale non valido' });
    }
    return cf;
  }
}
