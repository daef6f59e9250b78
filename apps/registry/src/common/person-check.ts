import { parseCodiceFiscale } from '@profila/italian';

export interface DeclaredPerson {
  codiceFiscale: string;
  /** YYYY-MM-DD */
  dataNascita: string;
  /** Belfiore code of the comune or of the state (Z...) of birth. */
  luogoNascita: string;
}

/**
 * The field messages for data that contradicts what the codice fiscale encodes (date and place of birth); empty
 * when consistent. Names are not compared: the consonant rule has too many exceptions (omocodia, foreign names).
 */
export function personMismatches(person: DeclaredPerson, prefix = ''): Record<string, string> {
  const data = parseCodiceFiscale(person.codiceFiscale);
  const fields: Record<string, string> = {};
  if (!data) {
    fields[`${prefix}codiceFiscale`] = 'Codice fiscale non valido';
    return fields;
  }
  const [year, month, day] = person.dataNascita.split('-').map(Number);
  if (data.annoNascita2 !== year % 100 || data.meseNascita !== month || data.giornoNascita !== day) {
    fields[`${prefix}dataNascita`] = 'La data di nascita non corrisponde al codice fiscale';
  }
  if (data.codiceCatastale !== person.luogoNascita.toUpperCase()) {
    fields[`${prefix}luogoNascita`] = 'Il luogo di nascita non corrisponde al codice fiscale';
  }
  return fields;
}
