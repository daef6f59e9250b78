/** The services of the portal, as the user manual of Servizi Lavoro describes them. */
export interface PortalService {
  id: string;
  title: string;
  icon: string;
  summary: string;
  features: string[];
}

export const PORTAL_SERVICES: PortalService[] = [
  {
    id: 'anagrafica',
    title: 'Gestione anagrafica',
    icon: 'it-user',
    summary:
      'Consulta i tuoi dati personali, che arrivano dalla tua identità digitale, e completa quelli che puoi aggiornare tu: cittadinanza, PEC, telefono, fax e titolo di studio.',
    features: [
      'Anagrafica, domicilio e recapiti precompilati da SPID, CIE o CPS',
      'Cittadinanza, PEC, telefono, fax e titolo di studio modificabili',
      "Per correggere i dati dell'identità digitale ci si rivolge al proprio gestore",
    ],
  },
  {
    id: 'profili',
    title: 'Gestione profili aziendali',
    icon: 'it-pa',
    summary:
      "Registra la tua azienda o il tuo ente, oppure associa il tuo profilo a un'azienda già presente firmando digitalmente la dichiarazione. Come amministratore gestisci sedi, unità operative e collaboratori.",
    features: [
      'Ricerca dei profili aziendali associati al tuo account',
      'Associa profilo: dichiarazione PDF firmata digitalmente',
      'Registra azienda italiana o estera, ente operatore, pubblica amministrazione',
      'Unità operative, organigramma e ruoli dei collaboratori',
    ],
  },
  {
    id: 'deleghe',
    title: 'Gestione deleghe',
    icon: 'it-sign',
    summary:
      "Delega un'altra persona a operare per la tua azienda, con data di inizio e di scadenza. Accetta o rifiuta le deleghe che ricevi e segui lo stato di quelle che hai inviato.",
    features: [
      'Aggiungi delega, con data di inizio e di scadenza',
      'Deleghe ricevute e deleghe ricevute in attesa',
      'Tracciamento delle deleghe inviate, revoca',
    ],
  },
];
