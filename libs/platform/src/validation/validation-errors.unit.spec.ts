import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsEmail, IsNotEmpty, IsString, MaxLength, ValidateNested, validateSync } from 'class-validator';
import { plainToInstance } from 'class-transformer';
import { validationExceptionFactory } from './validation-errors.js';

class Sede {
  @IsString()
  @MaxLength(5)
  cap!: string;
}

class Body {
  @IsEmail({}, { message: 'Indirizzo e-mail non valido, controllare' })
  email!: string;

  @IsNotEmpty()
  nome!: string;

  @ValidateNested()
  @Type(() => Sede)
  sede!: Sede;
}

describe('validationExceptionFactory', () => {
  it('answers VALIDATION_FAILED with one Italian message per field, nested paths dotted, DTO messages kept', () => {
    const errors = validateSync(plainToInstance(Body, { email: 'x', nome: '', sede: { cap: '1234567' } }));
    const exception = validationExceptionFactory(errors);
    expect(exception.code).toBe('VALIDATION_FAILED');
    expect(exception.httpStatus()).toBe(400);
    expect(exception.message).toBe('Dati non validi');
    expect(exception.details).toEqual({
      fields: {
        email: 'Indirizzo e-mail non valido, controllare',
        nome: 'Campo obbligatorio',
        'sede.cap': 'Al massimo 5 caratteri',
      },
      errors: [
        'email: Indirizzo e-mail non valido, controllare',
        'nome: Campo obbligatorio',
        'sede.cap: Al massimo 5 caratteri',
      ],
    });
  });
});
