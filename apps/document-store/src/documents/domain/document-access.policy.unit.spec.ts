import {
  canDeleteDocument,
  canSeeDocument,
  decideUpload,
  needsLinkConfirmation,
  type DocumentActor,
  type DocumentLinks,
  seesWholeEntity,
} from './document-access.policy.js';

const MARIO = 'RSSMRA80A01H501U';
const GIULIA = 'BNCGLI92L55F205A';
const ORG = '00097020598';

const mario: DocumentActor = { kind: 'citizen', id: MARIO };
const giulia: DocumentActor = { kind: 'citizen', id: GIULIA };
const giuliaForOrg: DocumentActor = { kind: 'citizen', id: GIULIA, actingFor: ORG };
const operatorTn: DocumentActor = { kind: 'operator', id: 'op-1', territories: ['TN'] };
const registry: DocumentActor = { kind: 'service', id: 'registry' };

function doc(overrides: Partial<DocumentLinks>): DocumentLinks {
  return { entityType: 'citizen', entityId: MARIO, ownerId: MARIO, territory: null, uploadedBy: MARIO, ...overrides };
}

describe('who may see a document', () => {
  it("a citizen sees their own person's documents and nobody else's", () => {
    expect(canSeeDocument(mario, doc({}))).toBe(true);
    expect(canSeeDocument(giulia, doc({}))).toBe(false);
    expect(canSeeDocument(giuliaForOrg, doc({}))).toBe(false);
  });

  it('a citizen sees what they uploaded or own for their requests', () => {
    const request = doc({ entityType: 'raa-request', entityId: 'raa-1', ownerId: GIULIA, uploadedBy: GIULIA });
    expect(canSeeDocument(giulia, request)).toBe(true);
    expect(canSeeDocument(mario, request)).toBe(false);
    // Filed by a service on Giulia's behalf: she owns it.
    expect(canSeeDocument(giulia, { ...request, uploadedBy: 'admin-verification' })).toBe(true);
  });

  it('whoever acts for an organisation sees its documents; the same person acting as themselves does not', () => {
    const orgDoc = doc({ entityType: 'organization', entityId: ORG, ownerId: ORG, uploadedBy: MARIO });
    expect(canSeeDocument(giuliaForOrg, orgDoc)).toBe(true);
    expect(canSeeDocument(giulia, orgDoc)).toBe(false);
    expect(canSeeDocument({ ...giulia, actingFor: '01234567897' }, orgDoc)).toBe(false);
    // A request filed for the organisation.
    const orgRequest = doc({ entityType: 'admin-verification-request', entityId: 'avr-1', ownerId: ORG });
    expect(canSeeDocument(giuliaForOrg, orgRequest)).toBe(true);
  });

  it('operators see their territory only, and nothing without a territory', () => {
    expect(canSeeDocument(operatorTn, doc({ territory: 'TN' }))).toBe(true);
    expect(canSeeDocument(operatorTn, doc({ territory: 'BZ' }))).toBe(false);
    expect(canSeeDocument(operatorTn, doc({ territory: null }))).toBe(false);
    expect(canSeeDocument({ kind: 'operator', id: 'op-2' }, doc({ territory: 'TN' }))).toBe(false);
  });

  it('services see everything', () => {
    expect(canSeeDocument(registry, doc({ territory: 'BZ', ownerId: null }))).toBe(true);
  });

  it('whole-entity listings are only for the entity itself or services', () => {
    expect(seesWholeEntity(mario, 'citizen', MARIO)).toBe(true);
    expect(seesWholeEntity(giulia, 'citizen', MARIO)).toBe(false);
    expect(seesWholeEntity(giuliaForOrg, 'organization', ORG)).toBe(true);
    expect(seesWholeEntity(giulia, 'organization', ORG)).toBe(false);
    expect(seesWholeEntity(operatorTn, 'citizen', MARIO)).toBe(false);
    expect(seesWholeEntity(mario, 'raa-request', 'raa-1')).toBe(false);
    expect(seesWholeEntity(registry, 'raa-request', 'raa-1')).toBe(true);
  });
});

describe('who may delete', () => {
  it('uploader, owner and the organisation may delete; operators and strangers may not', () => {
    const orgDoc = doc({ entityType: 'organization', entityId: ORG, ownerId: ORG, uploadedBy: MARIO, territory: 'TN' });
    expect(canDeleteDocument({ ...mario, actingFor: ORG }, orgDoc)).toBe(true);
    expect(canDeleteDocument(mario, orgDoc)).toBe(true); // uploaded it
    expect(canDeleteDocument(giuliaForOrg, orgDoc)).toBe(true);
    expect(canDeleteDocument(giulia, orgDoc)).toBe(false);
    expect(canDeleteDocument(operatorTn, orgDoc)).toBe(false);
    expect(canDeleteDocument(registry, orgDoc)).toBe(true);
  });
});

describe('who may upload where', () => {
  it('a citizen attaches documents to their own person only', () => {
    expect(decideUpload(mario, { entityType: 'citizen', entityId: MARIO, territory: null })).toEqual({
      allowed: true,
      ownerId: MARIO,
    });
    expect(decideUpload(mario, { entityType: 'citizen', entityId: GIULIA, territory: null }).allowed).toBe(false);
  });

  it('a citizen attaches documents to the organisation they act for only', () => {
    expect(decideUpload(giuliaForOrg, { entityType: 'organization', entityId: ORG, territory: null })).toEqual({
      allowed: true,
      ownerId: ORG,
    });
    expect(decideUpload(giulia, { entityType: 'organization', entityId: ORG, territory: null }).allowed).toBe(false);
  });

  it("a request's documents belong to the citizen filing it, or to the organisation they act for", () => {
    expect(decideUpload(mario, { entityType: 'raa-request', entityId: 'raa-1', territory: null })).toEqual({
      allowed: true,
      ownerId: MARIO,
    });
    expect(
      decideUpload(giuliaForOrg, { entityType: 'association-request', entityId: 'ASS-1', territory: null }),
    ).toEqual({ allowed: true, ownerId: ORG });
  });

  it('a citizen never picks the territory (which operators see the document): it follows from the entity', () => {
    for (const entityType of ['citizen', 'raa-request', 'admin-verification-request'] as const) {
      const decision = decideUpload(mario, { entityType, entityId: MARIO, territory: 'TN' });
      expect(decision).toEqual({ allowed: false, reason: expect.stringContaining('territorio') });
    }
  });

  it("another service's request must be confirmed by its owner when a person names it; services are trusted", () => {
    expect(needsLinkConfirmation(mario, 'raa-request')).toBe(true);
    expect(needsLinkConfirmation(giuliaForOrg, 'association-request')).toBe(true);
    expect(needsLinkConfirmation(operatorTn, 'admin-verification-request')).toBe(true);
    expect(needsLinkConfirmation(mario, 'citizen')).toBe(false);
    expect(needsLinkConfirmation(giuliaForOrg, 'organization')).toBe(false);
    expect(needsLinkConfirmation(registry, 'raa-request')).toBe(false);
  });

  it('operators upload in their territory; services anywhere, naming the owner', () => {
    expect(decideUpload(operatorTn, { entityType: 'raa-request', entityId: 'r', territory: 'TN' }).allowed).toBe(true);
    expect(decideUpload(operatorTn, { entityType: 'raa-request', entityId: 'r', territory: 'BZ' }).allowed).toBe(false);
    expect(decideUpload(operatorTn, { entityType: 'raa-request', entityId: 'r', territory: null }).allowed).toBe(false);
    expect(
      decideUpload(registry, { entityType: 'association-request', entityId: 'a', territory: null, ownerId: MARIO }),
    ).toEqual({ allowed: true, ownerId: MARIO });
    expect(decideUpload(registry, { entityType: 'organization', entityId: ORG, territory: null })).toEqual({
      allowed: true,
      ownerId: ORG,
    });
  });
});
