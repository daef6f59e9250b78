import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { escapeLike } from '@profila/persistence';
import { returned } from '../access-rights/access-right.repository.js';
import { DelegationRequest, RequestOutcome } from './delegation-request.entity.js';
import { Delegation } from './delegation.entity.js';
import { type DelegationRequestKind, DelegationStatus } from './domain/delegation.machine.js';

export interface Person {
  codiceFiscale: string;
  nome: string;
  cognome: string;
}

export interface OrganizationView {
  organizationId: string;
  codiceFiscale: string | null;
  denominazione: string;
}

/** A delega with the names it is shown with. */
export interface DelegationRow {
  delegation: Delegation;
  delegator: Person;
  delegate: Person;
  organization: OrganizationView;
}

/** A request with its delega, as the lists show it. */
export interface RequestRow extends DelegationRow {
  request: DelegationRequest;
}

export interface Paged<T> {
  items: T[];
  total: number;
}

export interface PageQuery {
  search: string;
  offset: number;
  limit: number;
}

const OPEN = [DelegationStatus.IN_ATTESA, DelegationStatus.ACCETTATA];

const D_COLUMNS = `d.id, d.organization_id, d.delegator_cf, d.delegate_cf, d.tipo_soggetto_abilitato, d.status,
  d.data_inizio::text AS data_inizio, d.data_scadenza::text AS data_scadenza, d.valid_from, d.valid_to,
  d.pending_request_id::text AS pending_request_id, d.pending_data_inizio::text AS pending_data_inizio,
  d.pending_data_scadenza::text AS pending_data_scadenza, d.expiring_notice_sent, d.created_at, d.updated_at,
  o.codice_fiscale AS org_cf, o.denominazione AS org_name,
  dr.nome AS delegator_nome, dr.cognome AS delegator_cognome, de.nome AS delegate_nome, de.cognome AS delegate_cognome`;

const R_COLUMNS = `r.id::text AS r_id, r.kind AS r_kind, r.data_inizio::text AS r_data_inizio,
  r.data_scadenza::text AS r_data_scadenza, r.requested_by AS r_requested_by, r.requested_at AS r_requested_at,
  r.outcome AS r_outcome, r.reason AS r_reason, r.decided_by AS r_decided_by, r.decided_at AS r_decided_at`;

const JOINS = `LEFT JOIN organization_ref o ON o.organization_id = d.organization_id
  LEFT JOIN known_citizen dr ON dr.codice_fiscale = d.delegator_cf
  LEFT JOIN known_citizen de ON de.codice_fiscale = d.delegate_cf`;

/** Free-text search over what a list shows: names, codici fiscali, the organisation, the request id. */
const SEARCH = (
  p: string,
) => `($${p} = '' OR concat_ws(' ', d.delegator_cf, dr.nome, dr.cognome, d.delegate_cf, de.nome,
  de.cognome, o.denominazione, o.codice_fiscale, d.tipo_soggetto_abilitato) ILIKE '%' || $${p} || '%' ESCAPE '\\')`;

type Row = Record<string, unknown>;

function toRow(r: Row): DelegationRow {
  const delegation: Delegation = {
    id: r.id as string,
    organizationId: r.organization_id as string,
    delegatorCf: r.delegator_cf as string,
    delegateCf: r.delegate_cf as string,
    tipoSoggettoAbilitato: r.tipo_soggetto_abilitato as string | null,
    status: r.status as DelegationStatus,
    dataInizio: r.data_inizio as string,
    dataScadenza: r.data_scadenza as string,
    validFrom: r.valid_from as Date,
    validTo: r.valid_to as Date,
    pendingRequestId: r.pending_request_id as string | null,
    pendingDataInizio: r.pending_data_inizio as string | null,
    pendingDataScadenza: r.pending_data_scadenza as string | null,
    expiringNoticeSent: r.expiring_notice_sent as boolean,
    createdAt: r.created_at as Date,
    updatedAt: r.updated_at as Date,
  };
  return {
    delegation,
    delegator: {
      codiceFiscale: delegation.delegatorCf,
      nome: (r.delegator_nome as string) ?? '',
      cognome: (r.delegator_cognome as string) ?? '',
    },
    delegate: {
      codiceFiscale: delegation.delegateCf,
      nome: (r.delegate_nome as string) ?? '',
      cognome: (r.delegate_cognome as string) ?? '',
    },
    organization: {
      organizationId: delegation.organizationId,
      codiceFiscale: (r.org_cf as string | null) ?? null,
      denominazione: (r.org_name as string | null) ?? delegation.organizationId,
    },
  };
}

function toRequest(r: Row): DelegationRequest {
  return {
    id: r.r_id as string,
    delegationId: r.id as string,
    kind: r.r_kind as DelegationRequestKind,
    dataInizio: r.r_data_inizio as string | null,
    dataScadenza: r.r_data_scadenza as string | null,
    requestedBy: r.r_requested_by as string,
    requestedAt: r.r_requested_at as Date,
    outcome: r.r_outcome as RequestOutcome,
    reason: r.r_reason as string | null,
    decidedBy: r.r_decided_by as string | null,
    decidedAt: r.r_decided_at as Date | null,
  };
}

function toRequestRow(r: Row): RequestRow {
  return { ...toRow(r), request: toRequest(r) };
}

/** Every query of `delegation` and `delegation_request` (the delega and the history of its requests). */
@Injectable()
export class DelegationRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, delegation: Delegation): Promise<void> {
    await manager.getRepository(Delegation).insert(delegation);
  }

  async update(manager: EntityManager, delegation: Delegation): Promise<void> {
    const { id, ...rest } = delegation;
    await manager.getRepository(Delegation).update({ id }, rest);
  }

  /** A new request of the history; returns its "Id richiesta". */
  async insertRequest(
    manager: EntityManager,
    r: Pick<DelegationRequest, 'delegationId' | 'kind' | 'dataInizio' | 'dataScadenza' | 'requestedBy' | 'outcome'> & {
      requestedAt: Date;
      decidedAt?: Date | null;
      decidedBy?: string | null;
    },
  ): Promise<string> {
    const rows = await manager.query<Array<{ id: string }>>(
      `INSERT INTO delegation_request (delegation_id, kind, data_inizio, data_scadenza, requested_by, requested_at,
                                       outcome, decided_by, decided_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id::text AS id`,
      [
        r.delegationId,
        r.kind,
        r.dataInizio,
        r.dataScadenza,
        r.requestedBy,
        r.requestedAt,
        r.outcome,
        r.decidedBy ?? null,
        r.decidedAt ?? null,
      ],
    );
    return rows[0].id;
  }

  /** Answers the request of a delega that awaits an answer (at most one); returns its id. */
  async decidePending(
    manager: EntityManager,
    delegationId: string,
    outcome: Exclude<RequestOutcome, RequestOutcome.ATTESA_APPROVAZIONE>,
    decidedBy: string,
    at: Date,
    reason: string | null = null,
  ): Promise<{ id: string; kind: DelegationRequestKind } | undefined> {
    const rows = returned(
      await manager.query<
        | Array<{ id: string; kind: DelegationRequestKind }>
        | [Array<{ id: string; kind: DelegationRequestKind }>, number]
      >(
        `UPDATE delegation_request SET outcome = $2, decided_by = $3, decided_at = $4, reason = $5
          WHERE delegation_id = $1 AND outcome = 'ATTESA_APPROVAZIONE' RETURNING id::text AS id, kind`,
        [delegationId, outcome, decidedBy, at, reason],
      ),
    );
    return rows[0];
  }

  /** The delega with its names, locked until the caller's transaction ends. */
  async lock(manager: EntityManager, id: string): Promise<DelegationRow | undefined> {
    const locked = await manager.query<unknown[]>('SELECT 1 FROM delegation WHERE id = $1 FOR UPDATE', [id]);
    if (locked.length === 0) return undefined;
    return this.find(manager, id);
  }

  async find(manager: EntityManager, id: string): Promise<DelegationRow | undefined> {
    const rows = await manager.query<Row[]>(`SELECT ${D_COLUMNS} FROM delegation d ${JOINS} WHERE d.id = $1`, [id]);
    return rows[0] ? toRow(rows[0]) : undefined;
  }

  async requestsOf(manager: EntityManager, delegationId: string): Promise<DelegationRequest[]> {
    const rows = await manager.query<Row[]>(
      `SELECT ${R_COLUMNS}, d.id FROM delegation_request r JOIN delegation d ON d.id = r.delegation_id
        WHERE r.delegation_id = $1 ORDER BY r.id`,
      [delegationId],
    );
    return rows.map(toRequest);
  }

  /** Locks the open deleghe (in attesa or accettate) a delegator gave for an organisation; returns their ids. */
  async lockOpenFrom(manager: EntityManager, organizationId: string, delegatorCf: string): Promise<string[]> {
    const rows = await manager.query<Array<{ id: string }>>(
      `SELECT id FROM delegation WHERE organization_id = $1 AND delegator_cf = $2 AND status = ANY($3)
        ORDER BY created_at FOR UPDATE`,
      [organizationId, delegatorCf, OPEN],
    );
    return rows.map((r) => r.id);
  }

  /** Is there already a delega in attesa or accettata from this organisation to this delegate? */
  async openExists(manager: EntityManager, organizationId: string, delegateCf: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `SELECT 1 FROM delegation WHERE organization_id = $1 AND delegate_cf = $2 AND status = ANY($3) LIMIT 1`,
      [organizationId, delegateCf, OPEN],
    );
    return rows.length > 0;
  }

  async countOpenOfDelegate(manager: EntityManager, delegateCf: string): Promise<number> {
    const rows = await manager.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM delegation WHERE delegate_cf = $1 AND status = ANY($2)`,
      [delegateCf, OPEN],
    );
    return rows[0].n;
  }

  async countInsertionsSince(manager: EntityManager, delegatorCf: string, since: Date): Promise<number> {
    const rows = await manager.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM delegation_request
        WHERE requested_by = $1 AND kind = 'INSERIMENTO' AND requested_at > $2`,
      [delegatorCf, since],
    );
    return rows[0].n;
  }

  /** Deleghe received and accepted (even those starting in the future): "Deleghe ricevute". */
  receivedAccepted(delegateCf: string, q: PageQuery): Promise<Paged<DelegationRow>> {
    return this.pageOfDelegations(
      `d.delegate_cf = $1 AND d.status = 'ACCETTATA'`,
      [delegateCf],
      q,
      'd.data_inizio DESC, d.id',
    );
  }

  /** Deleghe of the organisations `organizationIds`, in attesa or accettate, of one delegate or all. */
  ofOrganizations(organizationIds: string[], delegateCf: string | null, q: PageQuery): Promise<Paged<DelegationRow>> {
    return this.pageOfDelegations(
      `d.organization_id = ANY($1::uuid[]) AND d.status = ANY($2) AND ($3::text IS NULL OR d.delegate_cf = $3)`,
      [organizationIds, OPEN, delegateCf],
      q,
      'de.cognome, de.nome, d.delegate_cf, o.denominazione, d.id',
    );
  }

  /** Requests awaiting the delegate's answer: "Deleghe ricevute in attesa". */
  pendingForDelegate(delegateCf: string, q: PageQuery): Promise<Paged<RequestRow>> {
    return this.pageOfRequests(`d.delegate_cf = $1 AND r.outcome = 'ATTESA_APPROVAZIONE'`, [delegateCf], q);
  }

  /** Every request on the deleghe a citizen sent: "Tracciamento deleghe inviate". */
  sentBy(delegatorCf: string, q: PageQuery): Promise<Paged<RequestRow>> {
    return this.pageOfRequests(`d.delegator_cf = $1`, [delegatorCf], q);
  }

  private async pageOfDelegations(
    where: string,
    params: unknown[],
    q: PageQuery,
    order: string,
  ): Promise<Paged<DelegationRow>> {
    const p = params.length + 1;
    const rows = await this.dataSource.query<Row[]>(
      `SELECT ${D_COLUMNS}, count(*) OVER () AS total FROM delegation d ${JOINS}
        WHERE ${where} AND ${SEARCH(String(p))}
        ORDER BY ${order} OFFSET $${p + 1} LIMIT $${p + 2}`,
      [...params, escapeLike(q.search), q.offset, q.limit],
    );
    return {
      items: rows.map(toRow),
      total: rows[0] ? Number(rows[0].total) : await this.countDelegations(where, params, q),
    };
  }

  private async countDelegations(where: string, params: unknown[], q: PageQuery): Promise<number> {
    if (q.offset === 0) return 0;
    const p = params.length + 1;
    const rows = await this.dataSource.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM delegation d ${JOINS} WHERE ${where} AND ${SEARCH(String(p))}`,
      [...params, escapeLike(q.search)],
    );
    return rows[0].n;
  }

  private async pageOfRequests(where: string, params: unknown[], q: PageQuery): Promise<Paged<RequestRow>> {
    const p = params.length + 1;
    const search = `(${SEARCH(String(p))} OR r.id::text = $${p})`;
    const rows = await this.dataSource.query<Row[]>(
      `SELECT ${D_COLUMNS}, ${R_COLUMNS}, count(*) OVER () AS total
         FROM delegation_request r JOIN delegation d ON d.id = r.delegation_id ${JOINS}
        WHERE ${where} AND ${search}
        ORDER BY r.id DESC OFFSET $${p + 1} LIMIT $${p + 2}`,
      [...params, escapeLike(q.search), q.offset, q.limit],
    );
    let total = rows[0] ? Number(rows[0].total) : 0;
    if (!rows[0] && q.offset > 0) {
      const counted = await this.dataSource.query<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM delegation_request r JOIN delegation d ON d.id = r.delegation_id ${JOINS}
          WHERE ${where} AND ${search}`,
        [...params, escapeLike(q.search)],
      );
      total = counted[0].n;
    }
    return { items: rows.map(toRequestRow), total };
  }

  /**
   * Claims deleghe whose last day is over (in attesa or accettate), locked until the caller commits. Replicas running
   * the job at once skip each other's rows: one winner per delega.
   */
  async claimEnded(manager: EntityManager, now: Date, limit: number): Promise<string[]> {
    const rows = await manager.query<Array<{ id: string }>>(
      `SELECT id FROM delegation WHERE status = ANY($1) AND valid_to <= $2
        ORDER BY valid_to LIMIT $3 FOR UPDATE SKIP LOCKED`,
      [OPEN, now, limit],
    );
    return rows.map((r) => r.id);
  }

  /** Claims accepted deleghe ending before `before` whose notice has not gone out yet (same locking as claimEnded). */
  async claimExpiring(manager: EntityManager, now: Date, before: Date, limit: number): Promise<string[]> {
    const rows = await manager.query<Array<{ id: string }>>(
      `SELECT id FROM delegation
        WHERE status = 'ACCETTATA' AND NOT expiring_notice_sent AND valid_to > $1 AND valid_to <= $2
        ORDER BY valid_to LIMIT $3 FOR UPDATE SKIP LOCKED`,
      [now, before, limit],
    );
    return rows.map((r) => r.id);
  }
}
