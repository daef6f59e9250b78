import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { usePageTitle } from '../site';
import { PageHeading } from '@profila/ui';

export type InfoTopic = 'privacy' | 'note-legali' | 'accessibilita' | 'contatti';

// The running region publishes its own legal texts; these pages say what they cover and where they live.
const TOPICS: Record<InfoTopic, { title: string; body: ReactNode }> = {
  privacy: {
    title: 'Privacy',
    body: (
      <>
        <p>
          I dati personali sono trattati per identificarti, gestire la tua anagrafica, i profili aziendali e le deleghe,
          e per comunicarli ai servizi del lavoro collegati (comunicazioni obbligatorie, SARE), nel rispetto del
          Regolamento (UE) 2016/679.
        </p>
        <p>
          Il titolare del trattamento è l&apos;ente che gestisce il portale: l&apos;informativa completa, con i recapiti
          del Responsabile della protezione dei dati, è pubblicata dall&apos;ente.
        </p>
      </>
    ),
  },
  'note-legali': {
    title: 'Note legali',
    body: (
      <p>
        Marchi e loghi appartengono ai rispettivi titolari. Le informazioni pubblicate hanno scopo informativo: fanno
        fede gli atti ufficiali dell&apos;amministrazione.
      </p>
    ),
  },
  accessibilita: {
    title: 'Accessibilità',
    body: (
      <p>
        Il portale è realizzato con il design system della pubblica amministrazione (Bootstrap Italia) secondo la Legge
        4/2004 e le Linee guida AgID sull&apos;accessibilità. Per segnalare un problema di accessibilità usa la pagina{' '}
        <Link to="/contatti">Contatti</Link>.
      </p>
    ),
  },
  contatti: {
    title: 'Contatti',
    body: (
      <>
        <p>
          Per problemi con le credenziali SPID, CIE o CPS rivolgiti al gestore che ti ha rilasciato l&apos;identità
          digitale.
        </p>
        <p>
          Per i dati della tua azienda, la verifica degli amministratori aziendali e le deleghe contatta il Centro per
          l&apos;impiego o l&apos;ufficio regionale competente per la tua provincia.
        </p>
      </>
    ),
  },
};

export function InfoPage({ topic }: { topic: InfoTopic }) {
  const { title, body } = TOPICS[topic];
  usePageTitle(title);

  return (
    <>
      <PageHeading title={title} />
      <div className="container pb-5">{body}</div>
    </>
  );
}
