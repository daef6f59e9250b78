import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { useSession } from '@profila/ui';
import { useOrganization } from './organization-layout';
import { PROFILES } from './profiles-nav';
import { italianDate, messageOf, registryApi, type StoredDocument } from './registry-api';

const KINDS: Array<[string, string]> = [
  ['atto-di-nomina', 'Atto di nomina'],
  ['identity-document', 'Documento di riconoscimento'],
];
const KIND_LABELS: Record<string, string> = {
  ...Object.fromEntries(KINDS),
  'signed-declaration': 'Dichiarazione di associazione firmata',
};

/** "Documenti": what was filed for the organisation (document-store), and new ones. Needs acting for it. */
export function OrganizationDocumentsPage() {
  const { organization } = useOrganization();
  const { state } = useSession();
  const acting = state.status === 'authenticated' && state.me.actingFor?.organizationId === organization.id;
  const [docs, setDocs] = useState<StoredDocument[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [kind, setKind] = useState(KINDS[0][0]);
  const [file, setFile] = useState<File | null>(null);

  const load = useCallback(() => {
    if (!acting) return;
    registryApi.documents(organization.id).then(
      (r) => setDocs(r.items),
      (e: unknown) => setError(messageOf(e)),
    );
  }, [acting, organization.id]);
  useEffect(load, [load]);

  if (!acting) {
    return (
      <section aria-labelledby="documenti">
        <h2 id="documenti" className="h4">
          Documenti
        </h2>
        <div className="callout note">
          <div className="callout-title">Opera per l&apos;organizzazione</div>
          <p>
            Per vedere e archiviare i documenti di {organization.ragioneSociale} scegli l&apos;organizzazione in{' '}
            <Link to={PROFILES}>Selezione tipologia di utente</Link>.
          </p>
        </div>
      </section>
    );
  }

  const upload = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setError('Scegliere il file da caricare');
      return;
    }
    setError(null);
    try {
      await registryApi.uploadDocument(organization.id, kind, file);
      setSaved('Documento caricato.');
      setFile(null);
      load();
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const open = async (doc: StoredDocument) => {
    try {
      const { url } = await registryApi.downloadLink(doc.id);
      window.location.assign(url);
    } catch (e) {
      setError(messageOf(e));
    }
  };

  return (
    <section aria-labelledby="documenti">
      <h2 id="documenti" className="h4">
        Documenti
      </h2>
      <p>I documenti caricati in fase di richiesta dell&apos;abilitazione; puoi archiviarne ulteriori.</p>
      {saved && (
        <div className="alert alert-success" role="status">
          {saved}
        </div>
      )}
      {error && (
        <div className="alert alert-danger" role="alert">
          {error}
        </div>
      )}
      {docs && docs.length === 0 && <p>Nessun documento.</p>}
      {docs && docs.length > 0 && (
        <table className="table" aria-labelledby="documenti">
          <thead>
            <tr>
              <th scope="col">Tipo</th>
              <th scope="col">File</th>
              <th scope="col">Caricato il</th>
              <th scope="col">Azioni</th>
            </tr>
          </thead>
          <tbody>
            {docs.map((d) => (
              <tr key={d.id}>
                <td>{KIND_LABELS[d.kind] ?? d.kind}</td>
                <td>{d.fileName}</td>
                <td>{italianDate(d.uploadedAt)}</td>
                <td>
                  <button type="button" className="btn btn-outline-primary btn-xs" onClick={() => void open(d)}>
                    Scarica
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {organization.modificabile && (
        <form onSubmit={(e) => void upload(e)} className="anagrafica-panel">
          <div className="row">
            <div className="col-md-6">
              <div className="select-wrapper form-group">
                <label htmlFor="documento-tipo">Tipo di documento</label>
                <select id="documento-tipo" value={kind} onChange={(e) => setKind(e.target.value)}>
                  {KINDS.map(([code, label]) => (
                    <option key={code} value={code}>
                      {label}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            <div className="col-md-6">
              <label htmlFor="documento-file">File (PDF, JPEG o PNG)</label>
              <input
                id="documento-file"
                type="file"
                className="form-control"
                onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              />
            </div>
          </div>
          <button type="submit" className="btn btn-primary mt-2">
            Carica documento
          </button>
        </form>
      )}
    </section>
  );
}
