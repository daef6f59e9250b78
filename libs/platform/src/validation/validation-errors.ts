import type { ValidationError } from 'class-validator';
import { CommonErrorCode, CommonException } from '../exceptions/common.exception.js';

/**
 * The one shape of a validation failure, in every service (bodies, queries, params, multipart fields):
 *
 *   400 { code: 'VALIDATION_FAILED', message: 'Dati non validi',
 *         details: { fields: { '<path>': '<first Italian message>' }, errors: ['<path>: <message>', …] } }
 *
 * `fields` is what a form shows under each input; paths of nested objects and arrays are dotted (`sede.cap`,
 * `lavoratori.2.codiceFiscale`).
 */
export interface ValidationFailureDetails {
  fields: Record<string, string>;
  errors: string[];
}

/** Builds the VALIDATION_FAILED exception from field → message pairs (for checks a DTO cannot express). */
export function validationFailed(fields: Record<string, string>, message = 'Dati non validi'): CommonException {
  const details: ValidationFailureDetails = {
    fields,
    errors: Object.entries(fields).map(([field, text]) => `${field}: ${text}`),
  };
  return new CommonException(CommonErrorCode.VALIDATION_FAILED, message, { ...details });
}

/** `exceptionFactory` of the global ValidationPipe. */
export function validationExceptionFactory(errors: ValidationError[]): CommonException {
  const fields: Record<string, string> = {};
  collect(errors, '', fields);
  return validationFailed(fields);
}

function collect(errors: ValidationError[], prefix: string, into: Record<string, string>): void {
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const constraints = Object.entries(error.constraints ?? {});
    if (constraints.length > 0 && into[path] === undefined) {
      const [name, message] = constraints[0];
      into[path] = italianMessage(name, message, error);
    }
    if (error.children?.length) collect(error.children, path, into);
  }
}

/**
 * A message a DTO wrote itself is kept; class-validator's English defaults ("pec must be an email") are replaced
 * by an Italian one, so no English text ever reaches a form.
 */
function italianMessage(constraint: string, message: string, error: ValidationError): string {
  if (!isDefaultMessage(message, error.property)) return message;
  switch (constraint) {
    case 'whitelistValidation':
      return 'Campo non previsto';
    case 'isDefined':
    case 'isNotEmpty':
      return 'Campo obbligatorio';
    case 'isEmail':
      return 'Indirizzo e-mail non valido';
    case 'isString':
      return 'Deve essere un testo';
    case 'isInt':
      return 'Deve essere un numero intero';
    case 'isNumber':
    case 'isNumberString':
      return 'Deve essere un numero';
    case 'isBoolean':
      return 'Deve essere vero o falso';
    case 'isDateString':
    case 'isISO8601':
    case 'isDate':
      return 'Data non valida';
    case 'isUuid':
      return 'Identificativo non valido';
    case 'isEnum':
    case 'isIn':
      return 'Valore non ammesso';
    case 'isArray':
      return 'Deve essere un elenco';
    case 'arrayMaxSize':
      return 'Troppi elementi';
    case 'arrayMinSize':
    case 'arrayNotEmpty':
      return 'Indicare almeno un elemento';
    case 'maxLength':
      return `Al massimo ${lengthOf(error, 'maxLength')} caratteri`;
    case 'minLength':
      return `Almeno ${lengthOf(error, 'minLength')} caratteri`;
    case 'isLength':
      return 'Lunghezza non valida';
    case 'matches':
      return 'Formato non valido';
    case 'max':
      return 'Valore troppo alto';
    case 'min':
      return 'Valore troppo basso';
    case 'nestedValidation':
    case 'isObject':
      return 'Struttura non valida';
    default:
      return 'Valore non valido';
  }
}

function isDefaultMessage(message: string, property: string): boolean {
  return (
    message.startsWith(`${property} `) ||
    message.startsWith(`property ${property} `) ||
    message.startsWith('each value in ')
  );
}

/** The limit class-validator wrote in its English default ("must be shorter than or equal to 40 characters"). */
function lengthOf(error: ValidationError, constraint: string): string {
  const match = /(\d+)/.exec(error.constraints?.[constraint] ?? '');
  return match ? match[1] : '?';
}
