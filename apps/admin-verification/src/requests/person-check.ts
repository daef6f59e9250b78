import { generateCodiceFiscale, parseCodiceFiscale } from '@profila/italian';

export interface DeclaredPerson {
  nome: string;
  cognome: string;
  codiceFiscale: string;
  /** YYYY-MM-DD */
  dataNascita: string;
  /** Belfiore code of the comune or state (Z...) of birth. */
  luogoNascita: string;
}

/**
 * The field messages for data that contradicts what the codice fiscale encodes: the letters of cognome and nome,
 * the date and the place of birth ("Codice Fiscale *" of "Dati Amministratore Aziendale"). Empty when consistent.
 */
export function personMismatches(person: DeclaredPerson): Record<string, string> {
  const cf = person.codiceFiscale.toUpperCase();
  const data = parseCodiceFiscale(cf);
  if (!data) return { codiceFiscale: 'Codice fiscale non valido' };
  const fields: Record<string, string> = {};
  const letters = generateCodiceFiscale({
    cognome: person.cognome,
    nome: person.nome,
    dataNascita: '2000-01-01',
    sesso: 'M',
    codiceCatastale: 'A001',
  });
  if (letters.slice(0, 3) !== cf.slice(0, 3)) fields.cognome = 'Il cognome non corrisponde al codice fiscale';
  if (letters.slice(3, 6) !== cf.slice(3, 6)) fields.nome = 'Il nome non corrisponde al codice fiscale';
  const [year, month, day] = person.dataNascita.split('-').map(Number);
  if (data.annoNascita2 !== year % 100 || data.meseNascita !== month || data.giornoNascita !== day) {
    fields.dataNascita = 'La data di nascita non corrisponde al codice fiscale';
  }
  if (data.codiceCatastale !== person.luogoNascita.toUpperCase()) {
    fields.luogoNascita = 'Il comune o stato di nascita non corrisponde al codice fiscale';
  }
  return fields;
}
