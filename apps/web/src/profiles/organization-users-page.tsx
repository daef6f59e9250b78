import { type FormEvent, useCallback, useEffect, useState } from 'react';
import type { FieldErrors } from '@profila/ui';
import { EMPTY_PERSON, personBody, PersonFields, type PersonForm } from './fields';
import { ROLE_LABELS } from './labels';
import { useOrganization } from './organization-layout';
import {
  fieldsOf,
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

/** "Utenti": the organigram. Add a collaborator by codice fiscale, roles per service and scope; edit; remove. */
export function OrganizationUsersPage() {
  const { organization } = useOrganization();
  const [members, setMembers] = useState<Member[] | null>(null);
  const [units, setUnits] = useState<Unit[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [adding, setAdding] = useState<{ person: PersonForm; grant: GrantForm } | null>(null);
  const [editing, setEditing] = useState<{ member: Member; grant: GrantForm } | null>(null);
  const [removing, setRemoving] = useState<Member | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});

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
  const editable = organization.modificabile;

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
      {error && (
        <div className="alert alert-danger" role="alert">
          {error}
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
        <form onSubmit={submitAdd} noValidate className="anagrafica-panel">
          <h3 className="h5">Dettaglio utente</h3>
          <PersonFields
            prefix="utente"
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
