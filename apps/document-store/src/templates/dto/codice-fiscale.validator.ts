import { isValidCodiceFiscale, isValidCodiceFiscalePersona } from '@profila/italian';
import { registerDecorator, type ValidationOptions } from 'class-validator';

/** A person's codice fiscale (16 characters, checksum and date checked), case-insensitive. */
export function IsCodiceFiscalePersona(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCodiceFiscalePersona',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)}: codice fiscale non valido`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isValidCodiceFiscalePersona(value) },
    });
}

/**
 * The codice fiscale of an Italian organisation (11 digits, or 16 characters for a sole trader); for a foreign one
 * (`estera: true` on the same object) its identification code, 1 to 40 letters, digits and separators.
 */
export function IsOrganizationCode(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isOrganizationCode',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)}: codice fiscale dell'organizzazione non valido`, ...options },
      validator: {
        validate: (value: unknown, args) => {
          if (typeof value !== 'string') return false;
          const foreign = (args?.object as { estera?: unknown } | undefined)?.estera === true;
          return foreign ? /^[A-Za-z0-9][A-Za-z0-9 ./-]{0,39}$/.test(value) : isValidCodiceFiscale(value);
        },
      },
    });
}
