import { Icon } from 'design-react-kit';
import { Link } from 'react-router-dom';
import { DataTable } from '@profila/ui';
import { aziendaLabel, type Delega, delegationsApi, fullName, italianDate, STATO_DELEGA } from './delegations-api';
import { usePagedList } from '../api/use-paged-list';

/** "Lista delegati": the citizens delegated for my profiles ("Ricerca delegati"), each with "Modifica delega". */
export function DelegatesListPage() {
  const list = usePagedList(delegationsApi.delegates);
  return (
    <section aria-labelledby="lista-delegati">
      <div className="d-flex justify-content-between align-items-center mb-3">
        <h2 id="lista-delegati" className="h4 mb-0">
          Lista delegati
        </h2>
        <Link className="btn btn-primary btn-sm" to="/area-riservata/deleghe/aggiungi">
          Aggiungi delega
        </Link>
      </div>
      {list.error && (
        <div className="alert alert-danger" role="alert">
          {list.error}
        </div>
      )}
      <DataTable<Delega>
        caption="Lista delegati"
        searchLabel="Ricerca delegati:"
        columns={[
          {
            header: 'Delegato',
            cell: (d) => (
              <>
                {fullName(d.delegato)}
                <br />
                <small>{d.delegato.codiceFiscale}</small>
              </>
            ),
          },
          { header: 'Azienda delegata', cell: (d) => aziendaLabel(d.azienda) },
          { header: 'Tipo soggetto abilitato', cell: (d) => d.tipoSoggettoAbilitato ?? '' },
          { header: 'Data inizio', cell: (d) => italianDate(d.dataInizio) },
          { header: 'Data scadenza', cell: (d) => italianDate(d.dataScadenza) },
          {
            header: 'Stato',
            cell: (d) => (d.modificaInAttesa ? `${STATO_DELEGA[d.stato]} (modifica in attesa)` : STATO_DELEGA[d.stato]),
          },
          {
            header: 'Azioni',
            cell: (d) => (
              <Link
                to={`/area-riservata/deleghe/delegato/${d.delegato.codiceFiscale}`}
                className="btn btn-outline-primary btn-xs"
                aria-label={`Modifica delega di ${fullName(d.delegato)}`}
              >
                <Icon icon="it-pencil" size="xs" color="primary" aria-hidden className="me-1" />
                Modifica delega
              </Link>
            ),
          },
        ]}
        rows={list.data?.items ?? []}
        total={list.data?.totale ?? 0}
        page={list.page}
        onPage={list.setPage}
        rowKey={(d) => d.id}
        loading={list.loading}
        empty="Nessun soggetto delegato per i tuoi profili."
      />
    </section>
  );
}
