import { DataTable } from '@profila/ui';
import {
  aziendaLabel,
  delegationsApi,
  fullName,
  italianDate,
  type Richiesta,
  STATO_RICHIESTA,
  TIPO_DELEGA,
} from './delegations-api';
import { usePagedList } from '../api/use-paged-list';

/** "Tracciamento deleghe inviate": every request I sent, with its state. */
export function SentPage() {
  const list = usePagedList(delegationsApi.sent);
  return (
    <section aria-labelledby="deleghe-inviate">
      <h2 id="deleghe-inviate" className="h4">
        Tracciamento deleghe inviate
      </h2>
      {list.error && (
        <div className="alert alert-danger" role="alert">
          {list.error}
        </div>
      )}
      <DataTable<Richiesta>
        caption="Tracciamento deleghe inviate"
        columns={[
          { header: 'Id richiesta', cell: (r) => r.idRichiesta },
          { header: 'Delegato', cell: (r) => `${fullName(r.delegato)} (${r.delegato.codiceFiscale})` },
          { header: 'Azienda delegata', cell: (r) => aziendaLabel(r.azienda) },
          { header: 'Tipo soggetto abilitato', cell: (r) => r.tipoSoggettoAbilitato ?? '' },
          { header: 'Tipo delega', cell: (r) => TIPO_DELEGA[r.tipoDelega] },
          { header: 'Data inizio', cell: (r) => italianDate(r.dataInizio) },
          { header: 'Data scadenza', cell: (r) => italianDate(r.dataScadenza) },
          {
            header: 'Stato',
            cell: (r) => (r.motivo ? `${STATO_RICHIESTA[r.stato]} — ${r.motivo}` : STATO_RICHIESTA[r.stato]),
          },
        ]}
        rows={list.data?.items ?? []}
        total={list.data?.totale ?? 0}
        page={list.page}
        onPage={list.setPage}
        rowKey={(r) => String(r.idRichiesta)}
        loading={list.loading}
        empty="Nessuna delega inviata."
      />
    </section>
  );
}
