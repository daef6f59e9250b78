import { useEffect, useState } from 'react';
import { ACTION_LABELS } from './labels';
import { useOrganization } from './organization-layout';
import { type HistoryEntry, messageOf, registryApi } from './registry-api';

function summary(data: Record<string, unknown>): string {
  return Object.entries(data)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join('; ');
}

/** "Storico": every change: who, acting for whom, when, what. */
export function OrganizationHistoryPage() {
  const { organization } = useOrganization();
  const [items, setItems] = useState<HistoryEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    registryApi.history(organization.id).then(
      (r) => setItems(r.items),
      (e: unknown) => setError(messageOf(e)),
    );
  }, [organization.id]);

  return (
    <section aria-labelledby="storico">
      <h2 id="storico" className="h4">
        Storico
      </h2>
      {error && (
        <div className="alert alert-danger" role="alert">
          {error}
        </div>
      )}
      {items && (
        <div className="table-responsive">
          <table className="table table-sm" aria-labelledby="storico">
            <thead>
              <tr>
                <th scope="col">Quando</th>
                <th scope="col">Chi</th>
                <th scope="col">Per conto di</th>
                <th scope="col">Cosa</th>
                <th scope="col">Modifiche</th>
              </tr>
            </thead>
            <tbody>
              {items.map((h, i) => (
                <tr key={`${h.occurredAt}-${i}`}>
                  <td>{new Date(h.occurredAt).toLocaleString('it-IT')}</td>
                  <td>{h.actorId}</td>
                  <td>{h.actingFor ?? '—'}</td>
                  <td>{ACTION_LABELS[h.action] ?? h.action}</td>
                  <td className="text-break small">{summary(h.data)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
