/** Why a legacy row was not imported: the code in the report, and the Italian text operators read. */
export enum RejectReason {
  RIGA_MALFORMATA = 'RIGA_MALFORMATA',
  CAMPO_OBBLIGATORIO_MANCANTE = 'CAMPO_OBBLIGATORIO_MANCANTE',
  VALORE_NON_VALIDO = 'VALORE_NON_VALIDO',
  SCHEMA_PASSWORD_NON_SUPPORTATO = 'SCHEMA_PASSWORD_NON_SUPPORTATO',
  CODICE_FISCALE_NON_VALIDO = 'CODICE_FISCALE_NON_VALIDO',
  COMUNE_SCONOSCIUTO = 'COMUNE_SCONOSCIUTO',
  USERNAME_DUPLICATO = 'USERNAME_DUPLICATO',
  DATI_IN_CONFLITTO = 'DATI_IN_CONFLITTO',
}

export const REJECT_MESSAGES: Record<RejectReason, string> = {
  [RejectReason.RIGA_MALFORMATA]: 'Riga malformata: numero di campi diverso dall’intestazione',
  [RejectReason.CAMPO_OBBLIGATORIO_MANCANTE]: 'Campo obbligatorio mancante',
  [RejectReason.VALORE_NON_VALIDO]: 'Valore non valido',
  [RejectReason.SCHEMA_PASSWORD_NON_SUPPORTATO]: 'Schema della password non supportato',
  [RejectReason.CODICE_FISCALE_NON_VALIDO]: 'Codice fiscale non valido (carattere di controllo errato)',
  [RejectReason.COMUNE_SCONOSCIUTO]: 'Comune sconosciuto',
  [RejectReason.USERNAME_DUPLICATO]: 'Username già presente in una riga precedente',
  [RejectReason.DATI_IN_CONFLITTO]: 'Dati in conflitto con una riga precedente dello stesso codice fiscale',
};

export interface Reject {
  file: string;
  line: number;
  username: string;
  reason: RejectReason;
  field: string;
}
