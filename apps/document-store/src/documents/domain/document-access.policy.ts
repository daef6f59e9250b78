/**
 * Who may see, upload and delete which documents. Pure rules over the caller (from the gateway's access token or the
 * service credential) and the document's links; the service applies them to every read and write.
 *
 * Seeing a document:
 * - a service sees everything (it has already authorised its own caller);
 * - a citizen sees the documents of their own person (entity `citizen` = their codice fiscale), those they own
 *   (owner = their codice fiscale: filed for one of their requests) and those they uploaded;
 * - whoever acts for an organisation sees that organisation's documents (entity `organization` = the organisation,
 *   or owner = the organisation);
 * - an operator sees the documents whose territory is one of theirs.
 * Anything else is answered as if the document did not exist (no 403 that would reveal it).
 */
import { type DocumentEntityType, isRequestEntity } from './document-entity.js';

/** The caller, shaped like the platform's Actor (domain code does not import the platform). */
export interface DocumentActor {
  kind: 'citizen' | 'operator' | 'service' | 'system';
  /** Codice fiscale of a citizen, operator id, service name. */
  id: string;
  /** Organisation the caller is acting for. */
  actingFor?: string;
  /** Operators: province / CPI codes they work on. */
  territories?: string[];
}

/** The links of a document that decide who may see it. */
export interface DocumentLinks {
  entityType: DocumentEntityType;
  entityId: string;
  ownerId: string | null;
  territory: string | null;
  uploadedBy: string;
}

export function canSeeDocument(actor: DocumentActor, doc: DocumentLinks): boolean {
  switch (actor.kind) {
    case 'service':
    case 'system':
      return true;
    case 'operator':
      return doc.territory !== null && (actor.territories ?? []).includes(doc.territory);
    case 'citizen':
      return isOwnPerson(actor, doc) || isOwnOrganization(actor, doc) || doc.uploadedBy === actor.id;
    default:
      return false;
  }
}

/** Uploader, owner and the organisation it belongs to may delete; operators only review. */
export function canDeleteDocument(actor: DocumentActor, doc: DocumentLinks): boolean {
  switch (actor.kind) {
    case 'service':
    case 'system':
      return true;
    case 'operator':
      return false;
    case 'citizen':
      return isOwnPerson(actor, doc) || isOwnOrganization(actor, doc) || doc.uploadedBy === actor.id;
    default:
      return false;
  }
}

export interface UploadTarget {
  entityType: DocumentEntityType;
  entityId: string;
  territory: string | null;
  /** Only services may name the owner; for people it follows from who they are acting as. */
  ownerId?: string | null;
}

export type UploadDecision = { allowed: true; ownerId: string | null } | { allowed: false; reason: string };

/**
 * Whether the caller may attach a document to an entity, and who owns it:
 * a citizen to their own person, to the organisation they act for, or to a request they file (owned by them, or by
 * the organisation they act for); an operator to entities of their territory; a service to anything.
 */
export function decideUpload(actor: DocumentActor, target: UploadTarget): UploadDecision {
  switch (actor.kind) {
    case 'service':
    case 'system':
      return { allowed: true, ownerId: target.ownerId ?? defaultOwner(target) };
    case 'operator':
      if (target.territory !== null && (actor.territories ?? []).includes(target.territory)) {
        return { allowed: true, ownerId: defaultOwner(target) };
      }
      return { allowed: false, reason: 'Il territorio indicato non è tra quelli di competenza dell’operatore.' };
    case 'citizen':
      // Which territory's operators see a document follows from the entity, never from the citizen's form.
      if (target.territory !== null) {
        return {
          allowed: false,
          reason: 'Il territorio di competenza non può essere indicato dal cittadino: lo stabilisce la pratica.',
        };
      }
      if (target.entityType === 'citizen') {
        return target.entityId === actor.id
          ? { allowed: true, ownerId: actor.id }
          : { allowed: false, reason: 'Si possono caricare documenti solo per la propria persona.' };
      }
      if (target.entityType === 'organization') {
        return actor.actingFor !== undefined && target.entityId === actor.actingFor
          ? { allowed: true, ownerId: actor.actingFor }
          : {
              allowed: false,
              reason: "Si possono caricare documenti solo per l'organizzazione per cui si sta operando.",
            };
      }
      if (isRequestEntity(target.entityType)) return { allowed: true, ownerId: actor.actingFor ?? actor.id };
      return { allowed: false, reason: 'Operazione non consentita.' };
    default:
      return { allowed: false, reason: 'Operazione non consentita.' };
  }
}

/**
 * Whether the service owning the linked entity must confirm it before the caller attaches a document: a request of
 * another service named by a person (the id and what it belongs to are the caller's claim). Services are trusted with
 * their own entities; a person's own profile and the organisation they act for are known from the access token.
 */
export function needsLinkConfirmation(actor: DocumentActor, entityType: DocumentEntityType): boolean {
  return actor.kind !== 'service' && actor.kind !== 'system' && isRequestEntity(entityType);
}

/**
 * The filter to apply when listing an entity's documents: whether the caller may see all of them (then no per-row
 * check is needed) — otherwise each row goes through {@link canSeeDocument}.
 */
export function seesWholeEntity(actor: DocumentActor, entityType: DocumentEntityType, entityId: string): boolean {
  if (actor.kind === 'service' || actor.kind === 'system') return true;
  if (actor.kind !== 'citizen') return false;
  if (entityType === 'citizen') return entityId === actor.id;
  if (entityType === 'organization') return actor.actingFor !== undefined && entityId === actor.actingFor;
  return false;
}

function isOwnPerson(actor: DocumentActor, doc: DocumentLinks): boolean {
  return (doc.entityType === 'citizen' && doc.entityId === actor.id) || doc.ownerId === actor.id;
}

function isOwnOrganization(actor: DocumentActor, doc: DocumentLinks): boolean {
  if (!actor.actingFor) return false;
  return (doc.entityType === 'organization' && doc.entityId === actor.actingFor) || doc.ownerId === actor.actingFor;
}

function defaultOwner(target: UploadTarget): string | null {
  return target.entityType === 'citizen' || target.entityType === 'organization' ? target.entityId : null;
}
