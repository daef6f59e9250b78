import { usePageTitle } from '../site';
import { ReservedHeading } from './reserved-heading';

export function DelegationsPage() {
  usePageTitle('Gestione deleghe');
  return (
    <>
      <ReservedHeading title="Gestione deleghe" />
      <div className="callout note">
        <div className="callout-title">Disponibile a breve</div>
        <p>
          Da qui potrai delegare altre persone a operare per la tua azienda, vedere le deleghe ricevute e quelle in
          attesa, e seguire le deleghe inviate.
        </p>
      </div>
    </>
  );
}
