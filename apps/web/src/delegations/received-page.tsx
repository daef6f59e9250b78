import { DataTable } from '@profila/ui';
import { aziendaLabel, type Delega, delegationsApi, fullName, italianDate, STATO_DELEGA } from './delegations-api';
import { usePagedList } from '../api/use-paged-list';

/** "Deleghe ricevute": those I accepted, including those that start in the future. */
export function ReceivedPage() {
  const list = usePagedList(delegationsApi.received);
  return (
    <section aria-labelledby="deleghe-ricevute">
      <h2 id="deleghe-ricevute" className="h4">
        Deleghe ricevute
      </h2>
      {list.error && (
        <div className="alert alert-danger" role="alert">
          {list.error}
        </div>
      )}
      <DataTable<Delega>
        caption="Deleghe ricevute"
        columns={[
          { header: 'Delegante', cell: (d) => `${fullName(d.delegante)} (${d.delegante.codiceFiscale})` },
          { header: 'Azienda delegata', cell: (d) => aziendaLabel(d.azienda) },
          { header: 'Tipo soggetto abilitato', cell: (d) => d.tipoSoggettoAbilitato ?? '' },
          { header: 'Data inizio', cell: (d) => italianDate(d.dataInizio) },
          { header: 'Data scadenza', cell: (d) => italianDate(d.dataScadenza) },
          { header: 'Stato', cell: (d) => STATO_DELEGA[d.stato] },
        ]}
        rows={list.data?.items ?? []}
        total={list.data?.totale ?? 0}
        page={list.page}
        onPage={list.setPage}
        rowKey={(d) => d.id}
        loading={list.loading}
        empty="Nessuna delega ricevuta."
      />
    </section>
  );
}
