import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CommonException, validationExceptionFactory } from '@profila/platform';
import { CodiceFiscalePersonaPipe, CodiceFiscalePipe } from './codice-fiscale.pipe.js';
import { isValidPec } from './pec.js';
import { IsCodiceFiscalePersona, IsOrganizationCode, IsPec } from './validators.js';

class Form {
  @IsCodiceFiscalePersona()
  codiceFiscale!: string;

  @IsPec()
  pec!: string;

  @IsOrganizationCode()
  codiceAzienda!: string;

  estera?: boolean;
}

function fieldsOf(input: object): Record<string, string> {
  const errors = validateSync(plainToInstance(Form, input));
  if (errors.length === 0) return {};
  return (validationExceptionFactory(errors).details as { fields: Record<string, string> }).fields;
}

describe('Italian validators', () => {
  const valid = { codiceFiscale: 'RSSMRA80A01H501U', pec: 'mario.rossi@pec.it', codiceAzienda: '00743110157' };

  it('accepts a valid form', () => {
    expect(fieldsOf(valid)).toEqual({});
  });

  it('refuses a codice fiscale whose check character is wrong, with the Italian message under the field', () => {
    expect(fieldsOf({ ...valid, codiceFiscale: 'RSSMRA80A01H501X' })).toEqual({
      codiceFiscale: 'Codice fiscale non valido',
    });
  });

  it('refuses an Italian company code with a wrong checksum, accepts a foreign identification code', () => {
    expect(fieldsOf({ ...valid, codiceAzienda: '00743110158' })).toEqual({
      codiceAzienda: "Codice fiscale dell'organizzazione non valido",
    });
    expect(fieldsOf({ ...valid, codiceAzienda: 'DE-123 456.7', estera: true })).toEqual({});
  });

  it.each([
    '"<img src=x onerror=alert(1)>"@pec.it',
    'mario..rossi@pec.it',
    '.mario@pec.it',
    'mario@[127.0.0.1]',
    'mario@pec',
    'mario@@pec.it',
    'màrio@pec.it',
    'mario rossi@pec.it',
    'mario@pec.it<script>',
  ])('refuses the PEC %s', (pec) => {
    expect(isValidPec(pec)).toBe(false);
    expect(fieldsOf({ ...valid, pec })).toEqual({ pec: 'Indirizzo PEC non valido' });
  });

  it.each(['mario.rossi@pec.it', 'Mario.Rossi+studio@legalmail.it', 'ufficio_personale@pec.comune.milano.it'])(
    'accepts the PEC %s',
    (pec) => expect(isValidPec(pec)).toBe(true),
  );

  it('translates class-validator defaults and keeps nested paths', () => {
    const fields = fieldsOf({ codiceFiscale: 42, pec: 'x@pec.it', codiceAzienda: '00743110157', extra: 1 });
    expect(fields.codiceFiscale).toBe('Codice fiscale non valido');
  });
});

describe('CodiceFiscalePipe', () => {
  it('normalises and accepts persons and legal entities; the persona pipe only persons', () => {
    expect(new CodiceFiscalePipe().transform(' rssmra80a01h501u ')).toBe('RSSMRA80A01H501U');
    expect(new CodiceFiscalePipe().transform('00743110157')).toBe('00743110157');
    expect(() => new CodiceFiscalePersonaPipe().transform('00743110157')).toThrow(CommonException);
  });

  it('refuses a wrong check character with INVALID_CODICE_FISCALE (400)', () => {
    try {
      new CodiceFiscalePipe().transform('RSSMRA80A01H501X');
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(CommonException);
      expect((error as CommonException).code).toBe('INVALID_CODICE_FISCALE');
      expect((error as CommonException).httpStatus()).toBe(400);
    }
  });
});
