import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, DataTable, type FieldErrors, type PageState } from '@profila/ui';
import { usePagedList } from '../api/use-paged-list';
import { EMPTY_PERSON, personBody, PersonFields, type PersonForm } from './fields';
import { ROLE_LABELS } from './labels';
import { useOrganization } from './organization-layout';
import {
  fieldsOf,
  type ImportedPerson,
  type Member,
  type MemberGrant,
  messageOf,
  registryApi,
  ROLES,
  type Role,
  type Unit,
} from './registry-api';

interface GrantForm {
  ruoli: Role[];
  ambito: 'organizzazione' | 'unita';
  unitaIds: string[];
}

const EMPTY_GRANT: GrantForm = { ruoli: [], ambito: 'organizzazione', unitaIds: [] };

function grantBody(g: GrantForm): MemberGrant {
  return { ruoli: g.ruoli, ambito: g.ambito, ...(g.ambito === 'unita' ? { unitaIds: g.unitaIds } : {}) };
}

const LEGACY_ROLE_LABELS: Record<ImportedPerson['ruolo'], string> = {
  referente: "Referente dell'azienda",
  personale: 'Personale della sede',
};

/**
 * "Aggiungi all'organigramma": the add form pre-filled from what the legacy system said (codice fiscale, name, birth
 * date and place, the linked unit as scope). The roles stay empty: the amministratore chooses them.
 */
function prefillFrom(p: ImportedPerson, units: Unit[]): { person: PersonForm; grant: GrantForm } {
  const place = p.luogoNascita;
  const person: PersonForm = {
    codiceFiscale: p.codiceFiscale,
    nome: p.nome,
    cognome: p.cognome,
    dataNascita: p.dataNascita ?? '',
    luogoNascita: p.luogoNascitaCodice
      ? {
          code: p.luogoNascitaCodice,
          label: place ? `${place.nome}${place.provincia ? ` (${place.provincia})` : ''}` : p.luogoNascitaCodice,
        }
      : null,
  };
  const unit = p.unitaId && units.some((u) => u.id === p.unitaId) ? p.unitaId : null;
  const grant: GrantForm = unit
    ? { ruoli: [], ambito: 'unita', unitaIds: [unit] }
    : { ruoli: [], ambito: 'organizzazione', unitaIds: [] };
  return { person, grant };
}

function italianDate(iso: string): string {
  return new Date(iso).toLocaleDateString('it-IT', { timeZone: 'Europe/Rome' });
}

/** "Utenti": the organigram. Add a collaborator by codice fiscale, roles per service and scope; edit; remove. */
export function OrganizationUsersPage() {
  const { organization } = useOrganization();
  const [members, setMembers] = useState<Member[] | null>(null);
  const [units, setUnits] = useState<Unit[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [adding, setAdding] = useState<{ person: PersonForm; grant: GrantForm; imported?: boolean } | null>(null);
  const [editing, setEditing] = useState<{ member: Member; grant: GrantForm } | null>(null);
  const [removing, setRemoving] = useState<Member | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [importedHidden, setImportedHidden] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const editable = organization.modificabile;
  const imported = usePagedList(
    useCallback((page: PageState) => registryApi.importedMembers(organization.id, page), [organization.id]),
    {
      enabled: editable,
      // Reserved to who manages the whole organigram: a collaborator of some units only does not see it.
      handled: useCallback((e: unknown) => {
        const hidden = e instanceof ApiError && (e.status === 403 || e.status === 404);
        if (hidden) setImportedHidden(true);
        return hidden;
      }, []),
    },
  );

  useEffect(() => {
    if (adding) formRef.current?.scrollIntoView({ block: 'start' });
  }, [adding]);

  const load = useCallback(() => {
    registryApi.members(organization.id).then(
      (r) => setMembers(r.items),
      (e: unknown) => setError(messageOf(e)),
    );
    registryApi.units(organization.id).then(
      (r) => setUnits(r.items),
      () => undefined,
    );
  }, [organization.id]);
  useEffect(load, [load]);

  const run = async (what: () => Promise<unknown>, message: string) => {
    setErrors({});
    setError(null);
    try {
      await what();
      setSaved(message);
      setAdding(null);
      setEditing(null);
      setRemoving(null);
      load();
      imported.reload();
    } catch (e) {
      setErrors(fieldsOf(e));
      setError(messageOf(e));
    }
  };

  const submitAdd = (event: FormEvent) => {
    event.preventDefault();
    if (!adding) return;
    void run(
      () => registryApi.addMember(organization.id, { ...personBody(adding.person), ...grantBody(adding.grant) }),
      'Utente aggiunto.',
    );
  };
  const submitEdit = (event: FormEvent) => {
    event.preventDefault();
    if (!editing) return;
    void run(
      () => registryApi.updateMember(organization.id, editing.member.id, grantBody(editing.grant)),
      'Utente aggiornato.',
    );
  };

  const unitName = (id: string) => units.find((u) => u.id === id)?.descrizione ?? id;

  return (
    <section aria-labelledby="utenti">
      <h2 id="utenti" className="h4">
        Utenti
      </h2>
      <p>
        Costruisci l&apos;organigramma aziendale: abilita i collaboratori, identificati dal codice fiscale, a operare
        per l&apos;organizzazione con la propria identità digitale, con i ruoli e l&apos;ambito che scegli. Chi non ha
        ancora effettuato l&apos;accesso riceve il ruolo al primo accesso.
      </p>
      {saved && (
        <div className="alert alert-success" role="status">
          {saved}
        </div>
      )}
      {(error ?? imported.error) && (
        <div className="alert alert-danger" role="alert">
          {error ?? imported.error}
        </div>
      )}
      {editable && !adding && !editing && (
        <button
          type="button"
          className="btn btn-primary mb-3"
          onClick={() => {
            setSaved(null);
            setAdding({ person: EMPTY_PERSON, grant: EMPTY_GRANT });
          }}
        >
          Aggiungi un utente
        </button>
      )}
      {adding && (
        <form ref={formRef} onSubmit={submitAdd} noValidate className="anagrafica-panel">
          <h3 className="h5">Dettaglio utente</h3>
          {adding.imported && (
            <p>
              Dati dal sistema precedente: verificali e scegli i ruoli con cui la persona opererà per
              l&apos;organizzazione.
            </p>
          )}
          <PersonFields
            prefix="utente"
            lockCodiceFiscale={adding.imported}
            person={adding.person}
            onChange={(person) => setAdding({ ...adding, person })}
            errors={errors}
          />
          <GrantFields
            prefix="utente"
            grant={adding.grant}
            units={units}
            errors={errors}
            onChange={(grant) => setAdding({ ...adding, grant })}
          />
          <button type="submit" className="btn btn-primary me-2">
            Salva
          </button>
          <button type="button" className="btn btn-outline-secondary" onClick={() => setAdding(null)}>
            Annulla
          </button>
        </form>
      )}
      {editing && (
        <form onSubmit={submitEdit} noValidate className="anagrafica-panel">
          <h3 className="h5">
            Modifica utente {editing.member.nome} {editing.member.cognome} ({editing.member.codiceFiscale})
          </h3>
          <GrantFields
            prefix="modifica"
            grant={editing.grant}
            units={units}
            errors={errors}
            onChange={(grant) => setEditing({ ...editing, grant })}
          />
          <button type="submit" className="btn btn-primary me-2">
            Salva
          </button>
          <button type="button" className="btn btn-outline-secondary" onClick={() => setEditing(null)}>
            Annulla
          </button>
        </form>
      )}
      {removing && (
        <div className="alert alert-warning" role="alertdialog" aria-labelledby="conferma-rimozione">
          <h3 id="conferma-rimozione" className="h5">
            Rimuovere l&apos;utente?
          </h3>
          <p>
            {removing.nome} {removing.cognome} ({removing.codiceFiscale}) non potrà più operare per
            l&apos;organizzazione.
          </p>
          <button
            type="button"
            className="btn btn-danger me-2"
            onClick={() => void run(() => registryApi.removeMember(organization.id, removing.id), 'Utente rimosso.')}
          >
            Conferma rimozione
          </button>
          <button type="button" className="btn btn-outline-secondary" onClick={() => setRemoving(null)}>
            Annulla
          </button>
        </div>
      )}
      {members && (
        <div className="table-responsive">
          <table className="table" aria-labelledby="utenti">
            <thead>
              <tr>
                <th scope="col">Cognome e nome</th>
                <th scope="col">Codice fiscale</th>
                <th scope="col">Carica</th>
                <th scope="col">Ruoli</th>
                <th scope="col">Ambito</th>
                <th scope="col">Azioni</th>
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.id}>
                  <td>{[m.cognome, m.nome].filter(Boolean).join(' ') || '—'}</td>
                  <td>{m.codiceFiscale}</td>
                  <td>{m.tipo === 'amministratore' ? 'Amministratore' : 'Collaboratore'}</td>
                  <td>{m.ruoli.join(', ')}</td>
                  <td>
                    {m.ambito === 'organizzazione' ? 'Intera organizzazione' : m.unitaIds.map(unitName).join(', ')}
                  </td>
                  <td>
                    {editable && m.tipo === 'collaboratore' && (
                      <div className="d-flex gap-2">
                        <button
                          type="button"
                          className="btn btn-outline-primary btn-xs"
                          aria-label={`Modifica ${m.codiceFiscale}`}
                          onClick={() =>
                            setEditing({ member: m, grant: { ruoli: m.ruoli, ambito: m.ambito, unitaIds: m.unitaIds } })
                          }
                        >
                          Modifica
                        </button>
                        <button
                          type="button"
                          className="btn btn-outline-danger btn-xs"
                          aria-label={`Rimuovi ${m.codiceFiscale}`}
                          onClick={() => setRemoving(m)}
                        >
                          Rimuovi
                        </button>
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editable && !importedHidden && (
        <section aria-labelledby="utenti-importati" className="mt-4">
          <h3 id="utenti-importati" className="h5">
            Utenti importati dal sistema precedente
          </h3>
          <p>
            Le persone che il sistema precedente indicava per l&apos;organizzazione (referenti, personale delle sedi).
            Non hanno alcun ruolo finché non le aggiungi all&apos;organigramma scegliendo ruoli e ambito.
          </p>
          <DataTable<ImportedPerson>
            caption="Utenti importati dal sistema precedente"
            columns={[
              { header: 'Cognome e nome', cell: (p) => `${p.cognome} ${p.nome}` },
              { header: 'Codice fiscale', cell: (p) => p.codiceFiscale },
              { header: 'Email', cell: (p) => p.email ?? '—' },
              { header: 'Ruolo nel sistema precedente', cell: (p) => LEGACY_ROLE_LABELS[p.ruolo] },
              {
                header: 'Unità operativa',
                cell: (p) => (p.unitaId ? (p.unitaDescrizione ?? unitName(p.unitaId)) : 'Intera organizzazione'),
              },
              { header: 'Importato il', cell: (p) => italianDate(p.importatoIl) },
              {
                header: 'Azioni',
                cell: (p) => (
                  <button
                    type="button"
                    className="btn btn-outline-primary btn-xs"
                    aria-label={`Aggiungi all'organigramma ${p.codiceFiscale}`}
                    disabled={adding !== null || editing !== null}
                    onClick={() => {
                      setSaved(null);
                      setErrors({});
                      setAdding({ ...prefillFrom(p, units), imported: true });
                    }}
                  >
                    Aggiungi all&apos;organigramma
                  </button>
                ),
              },
            ]}
            rows={imported.data?.items ?? []}
            total={imported.data?.totale ?? 0}
            page={imported.page}
            onPage={imported.setPage}
            rowKey={(p) => p.id}
            loading={imported.loading}
            empty="Nessun utente importato da aggiungere all'organigramma."
          />
        </section>
      )}
    </section>
  );
}

function GrantFields({
  prefix,
  grant,
  units,
  errors,
  onChange,
}: {
  prefix: string;
  grant: GrantForm;
  units: Unit[];
  errors: FieldErrors;
  onChange: (g: GrantForm) => void;
}) {
  return (
    <>
      <fieldset className="mb-3" aria-describedby={errors.ruoli ? `${prefix}-ruoli-errore` : undefined}>
        <legend className="h6">Ruoli *</legend>
        {ROLES.map((role) => (
          <div className="form-check form-check-inline" key={role}>
            <input
              className="form-check-input"
              type="checkbox"
              id={`${prefix}-ruolo-${role}`}
              checked={grant.ruoli.includes(role)}
              onChange={(e) =>
                onChange({
                  ...grant,
                  ruoli: e.target.checked ? [...grant.ruoli, role] : grant.ruoli.filter((r) => r !== role),
                })
              }
            />
            <label className="form-check-label" htmlFor={`${prefix}-ruolo-${role}`}>
              {ROLE_LABELS[role]}
            </label>
          </div>
        ))}
        {errors.ruoli && (
          <div id={`${prefix}-ruoli-errore`} className="invalid-feedback d-block field-error">
            {errors.ruoli}
          </div>
        )}
      </fieldset>
      <fieldset className="mb-3">
        <legend className="h6">Ambito *</legend>
        <div className="form-check">
          <input
            className="form-check-input"
            type="radio"
            id={`${prefix}-ambito-org`}
            checked={grant.ambito === 'organizzazione'}
            onChange={() => onChange({ ...grant, ambito: 'organizzazione' })}
          />
          <label className="form-check-label" htmlFor={`${prefix}-ambito-org`}>
            Intera organizzazione
          </label>
        </div>
        <div className="form-check">
          <input
            className="form-check-input"
            type="radio"
            id={`${prefix}-ambito-unita`}
            checked={grant.ambito === 'unita'}
            onChange={() => onChange({ ...grant, ambito: 'unita' })}
          />
          <label className="form-check-label" htmlFor={`${prefix}-ambito-unita`}>
            Unità operative scelte
          </label>
        </div>
        {grant.ambito === 'unita' && (
          <div className="ms-4">
            {units.length === 0 && (
              <p className="form-text">Nessuna unità operativa: aggiungila in «Unità operative».</p>
            )}
            {units.map((u) => (
              <div className="form-check" key={u.id}>
                <input
                  className="form-check-input"
                  type="checkbox"
                  id={`${prefix}-unita-${u.id}`}
                  checked={grant.unitaIds.includes(u.id)}
                  onChange={(e) =>
                    onChange({
                      ...grant,
                      unitaIds: e.target.checked ? [...grant.unitaIds, u.id] : grant.unitaIds.filter((x) => x !== u.id),
                    })
                  }
                />
                <label className="form-check-label" htmlFor={`${prefix}-unita-${u.id}`}>
                  {u.descrizione}
                </label>
              </div>
            ))}
          </div>
        )}
        {(errors.unitaIds || errors.ambito) && (
          <div className="invalid-feedback d-block field-error">{errors.unitaIds ?? errors.ambito}</div>
        )}
      </fieldset>
    </>
  );
}
