import { registerDecorator, type ValidationOptions } from 'class-validator';
import { isValidCodiceFiscale, isValidCodiceFiscalePersona } from './codice-fiscale.js';
import { isValidPartitaIva } from './partita-iva.js';
import { isValidPec } from './pec.js';

/**
 * class-validator decorators for the Italian identifiers, used by every service's DTOs. Messages are Italian and
 * land in `details.fields` of the one VALIDATION_FAILED shape. They check the value; normalise (upper case, trim)
 * with a `@Transform` or the pipes when the DTO stores it.
 */
function stringRule(
  name: string,
  defaultMessage: string,
  test: (value: string, object: object) => boolean,
): (options?: ValidationOptions) => PropertyDecorator {
  return (options?: ValidationOptions) => (target, propertyName) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: defaultMessage, ...options },
      validator: { validate: (value: unknown, args) => typeof value === 'string' && test(value, args?.object ?? {}) },
    });
}

/** A person's (16 characters) or a legal entity's (11 digits) codice fiscale, check character included. */
export const IsCodiceFiscale = stringRule('isCodiceFiscale', 'Codice fiscale non valido', isValidCodiceFiscale);

/** Only a natural person's codice fiscale (16 characters, date and check character verified, omocodia accepted). */
export const IsCodiceFiscalePersona = stringRule(
  'isCodiceFiscalePersona',
  'Codice fiscale non valido',
  isValidCodiceFiscalePersona,
);

export const IsPartitaIva = stringRule('isPartitaIva', 'Partita IVA non valida', isValidPartitaIva);

/** A PEC address as providers issue them (see `isValidPec`). */
export const IsPec = stringRule('isPec', 'Indirizzo PEC non valido', isValidPec);

/**
 * The code of an organisation: for an Italian one its codice fiscale (11 digits, or 16 characters for a sole
 * trader); for a foreign one (`estera: true` on the same object) its identification code, 1 to 40 letters, digits
 * and separators.
 */
export const IsOrganizationCode = stringRule(
  'isOrganizationCode',
  "Codice fiscale dell'organizzazione non valido",
  (value, object) =>
    (object as { estera?: unknown }).estera === true
      ? /^[A-Za-z0-9][A-Za-z0-9 ./-]{0,39}$/.test(value)
      : isValidCodiceFiscale(value),
);
