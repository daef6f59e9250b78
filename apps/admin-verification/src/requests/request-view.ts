import type { VerificationRequestV1 } from '@profila/contracts';
import type { StoredDocument } from '../clients/document-store.client.js';
import {
  isEditable,
  isLate,
  KIND_LABELS,
  STATE_LABELS,
  type StepAction,
  type VerificationKind,
} from './domain/verification-request.machine.js';
import type { DocumentSlotResponse, StepResponse, VerificationRequestResponse } from './dto/request.response.js';
import type { VerificationRequest } from './verification-request.entity.js';
import type { VerificationStep } from './verification-step.entity.js';

export const LEGAL_REPRESENTATIVE_SLOT = 'rappresentante-legale';

const STEP_LABELS: Record<StepAction, string> = {
  submitted: 'Richiesta inviata',
  'pec-confirmed': 'PEC confermata',
  updated: 'Dati modificati dal richiedente',
  taken: 'Presa in carico',
  approved: 'Abilitato',
  rejected: 'Respinto',
  'integration-requested': 'Da integrare',
  resubmitted: 'Integrazione inviata',
  expired: 'Scaduta',
};

interface SlotDefinition {
  kind: string;
  label: string;
  slot: string | null;
}

/** The documents each kind of request needs (labels of the seeds' forms). */
const SLOTS: Record<VerificationKind, SlotDefinition[]> = {
  amministratore: [
    { kind: 'delega-document', label: 'Delega', slot: null },
    { kind: 'identity-document', label: 'Doc Riconoscimento', slot: null },
    { kind: 'identity-document', label: 'Doc Riconoscimento Rappr. Legale', slot: LEGAL_REPRESENTATIVE_SLOT },
  ],
  'responsabile-unico': [{ kind: 'atto-di-nomina', label: 'Atto di nomina', slot: null }],
  raa: [],
};

/** The document-store entity ids of a request: the request id, and `<id>:rappresentante-legale`. */
export function documentEntityIds(request: Pick<VerificationRequest, 'id' | 'kind'>): string[] {
  return [...new Set(SLOTS[request.kind].map((s) => entityIdOf(request.id, s.slot)))];
}

function entityIdOf(id: string, slot: string | null): string {
  return slot ? `${id}:${slot}` : id;
}

/** The slots with the document currently in each (document-store keeps one current document per kind and entity). */
export function documentSlots(request: VerificationRequest, documents: StoredDocument[]): DocumentSlotResponse[] {
  return SLOTS[request.kind].map((s) => {
    const entityId = entityIdOf(request.id, s.slot);
    const doc = documents.find((d) => d.entityId === entityId && d.kind === s.kind);
    return {
      kind: s.kind,
      label: s.label,
      entityId,
      required: true,
      documentId: doc?.id ?? null,
      fileName: doc?.fileName ?? null,
      contentType: doc?.contentType ?? null,
      size: doc?.size ?? null,
    };
  });
}

/** Field messages for the missing documents (field = the slot's label key). */
export function missingDocuments(slots: DocumentSlotResponse[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const s of slots) {
    if (s.required && !s.documentId)
      fields[`documenti.${s.entityId.includes(':') ? 'rappresentanteLegale' : s.kind}`] =
        `Caricare il file: ${s.label}`;
  }
  return fields;
}

export function toResponse(
  r: VerificationRequest,
  lateAfterDays: number,
  extra: Pick<VerificationRequestResponse, 'history' | 'documents' | 'ipa'> = {},
  now = new Date(),
): VerificationRequestResponse {
  return {
    id: r.id,
    kind: r.kind,
    kindLabel: KIND_LABELS[r.kind],
    state: r.state,
    stateLabel: STATE_LABELS[r.state],
    editable: isEditable(r.state),
    late: r.waitingSince ? isLate(r.state, r.waitingSince, now, lateAfterDays) : false,
    applicantCodiceFiscale: r.applicantCf,
    person: {
      codiceFiscale: r.personCf,
      nome: r.personNome,
      cognome: r.personCognome,
      dataNascita: r.personDataNascita,
      luogoNascita: r.personLuogoNascita,
      email: r.personEmail,
      pec: r.personPec,
    },
    organization: r.organizationCf
      ? { organizationId: r.organizationId, codiceFiscale: r.organizationCf, ragioneSociale: r.organizationName ?? '' }
      : null,
    professione: r.professione,
    indirizzoResidenza: r.details.indirizzoResidenza ?? null,
    territory: { comune: r.territoryComune, provincia: r.territoryProvincia },
    takenBy: r.takenBy,
    dueDate: r.dueDate,
    decisionNote: r.decisionNote,
    waitingSince: r.waitingSince?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    ...extra,
  };
}

export function toStep(s: VerificationStep): StepResponse {
  return {
    action: s.action,
    label: STEP_LABELS[s.action],
    from: s.fromState,
    to: s.toState,
    by: s.actorCf,
    note: s.note,
    at: s.occurredAt.toISOString(),
  };
}

/** What every admin-verification.request.v1 event carries. */
export function requestPayload(r: VerificationRequest): VerificationRequestV1 {
  return {
    requestId: r.id,
    kind: r.kind,
    state: r.state === 'draft' ? 'pending' : r.state,
    applicantCodiceFiscale: r.applicantCf,
    person: {
      codiceFiscale: r.personCf,
      nome: r.personNome,
      cognome: r.personCognome,
      dataNascita: r.personDataNascita,
      luogoNascita: r.personLuogoNascita,
      email: r.personEmail,
      pec: r.personPec,
    },
    organization: r.organizationCf
      ? { organizationId: r.organizationId, codiceFiscale: r.organizationCf, ragioneSociale: r.organizationName ?? '' }
      : null,
    professione: r.professione,
    territory:
      r.territoryComune || r.territoryProvincia ? { comune: r.territoryComune, provincia: r.territoryProvincia } : null,
    reason: r.state === 'rejected' || r.state === 'integration-requested' ? r.decisionNote : null,
    integrationDueDate: r.state === 'integration-requested' ? r.dueDate : null,
  };
}
