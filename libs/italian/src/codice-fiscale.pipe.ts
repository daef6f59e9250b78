import { Injectable, type PipeTransform } from '@nestjs/common';
import { CommonErrorCode, CommonException } from '@profila/platform';
import { isValidCodiceFiscale, isValidCodiceFiscalePersona, normalizeCodiceFiscale } from './codice-fiscale.js';

/**
 * A codice fiscale in a path or query parameter: normalised (upper case, no spaces) and checked, check character
 * included; a wrong one is a 400 INVALID_CODICE_FISCALE and reaches no handler.
 * `@Param('cf', CodiceFiscalePipe)` accepts persons and legal entities; `CodiceFiscalePersonaPipe` only persons.
 */
@Injectable()
export class CodiceFiscalePipe implements PipeTransform<unknown, string> {
  transform(value: unknown): string {
    const cf = typeof value === 'string' ? normalizeCodiceFiscale(value) : '';
    if (!this.accepts(cf)) throw new CommonException(CommonErrorCode.INVALID_CODICE_FISCALE);
    return cf;
  }

  protected accepts(cf: string): boolean {
    return isValidCodiceFiscale(cf);
  }
}

@Injectable()
export class CodiceFiscalePersonaPipe extends CodiceFiscalePipe {
  protected override accepts(cf: string): boolean {
    return isValidCodiceFiscalePersona(cf);
  }
}
