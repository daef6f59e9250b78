import { useState } from 'react';
import { TIPI_SOGGETTO_ABILITATO } from './labels';
import { useOrganization } from './organization-layout';
import { messageOf, registryApi } from './registry-api';

/** "Tipologia azienda": the SARE accreditation types, read-only when they come from legacy accounts. */
export function OrganizationTypologyPage() {
  const { organization: o, reload } = useOrganization();
  const [chosen, setChosen] = useState<string[]>(o.tipiSoggettoAbilitato.map((a) => a.tipo));
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const locked = new Set(o.tipiSoggettoAbilitato.filter((a) => a.readOnly).map((a) => a.tipo));

  const save = async () => {
    setOutcome(null);
    try {
      await registryApi.update(o.id, { tipiSoggettoAbilitato: chosen });
      await reload();
      setOutcome({ ok: true, text: 'Tipologia azienda salvata.' });
    } catch (e) {
      setOutcome({ ok: false, text: messageOf(e) });
    }
  };

  return (
    <section aria-labelledby="tipologia">
      <h2 id="tipologia" className="h4">
        Tipologia Azienda
      </h2>
      <p>Di seguito sono riportate le tipologie di accreditamento al SARE dell&apos;azienda.</p>
      {outcome && (
        <div
          className={`alert ${outcome.ok ? 'alert-success' : 'alert-danger'}`}
          role={outcome.ok ? 'status' : 'alert'}
        >
          {outcome.text}
        </div>
      )}
      <fieldset className="anagrafica-panel">
        <legend>Tipologie</legend>
        {TIPI_SOGGETTO_ABILITATO.map(([code, label]) => (
          <div className="form-check" key={code}>
            <input
              className="form-check-input"
              type="checkbox"
              id={`tipo-${code}`}
              checked={chosen.includes(code)}
              disabled={!o.modificabile || locked.has(code)}
              onChange={(e) => setChosen(e.target.checked ? [...chosen, code] : chosen.filter((c) => c !== code))}
            />
            <label className="form-check-label" htmlFor={`tipo-${code}`}>
              {label}
              {locked.has(code) ? ' (da utenza preesistente, non modificabile)' : ''}
            </label>
          </div>
        ))}
      </fieldset>
      {o.modificabile && (
        <button type="button" className="btn btn-primary" onClick={() => void save()}>
          Salva
        </button>
      )}
    </section>
  );
}
