import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Deleghe, the immutable history of their requests, and the registry organisations they are for. */
export class CreateDelegation1763900000330 implements MigrationInterface {
  name = 'CreateDelegation1763900000330';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organization_ref (
        organization_id uuid PRIMARY KEY,
        codice_fiscale text,
        denominazione text NOT NULL,
        tipi_soggetto_abilitato text[] NOT NULL DEFAULT '{}',
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE delegation (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL,
        delegator_cf varchar(16) NOT NULL,
        delegate_cf varchar(16) NOT NULL,
        tipo_soggetto_abilitato text,
        status text NOT NULL CHECK (status IN ('IN_ATTESA', 'ACCETTATA', 'RIFIUTATA', 'REVOCATA', 'SCADUTA')),
        data_inizio date NOT NULL,
        data_scadenza date NOT NULL,
        valid_from timestamptz NOT NULL,
        valid_to timestamptz NOT NULL,
        pending_request_id bigint,
        pending_data_inizio date,
        pending_data_scadenza date,
        expiring_notice_sent boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CHECK (data_scadenza >= data_inizio)
      )`);
    await q.query('CREATE INDEX delegation_delegate ON delegation (delegate_cf, status)');
    await q.query('CREATE INDEX delegation_organization ON delegation (organization_id, status)');
    await q.query('CREATE INDEX delegation_delegator ON delegation (delegator_cf)');
    await q.query(`CREATE INDEX delegation_due ON delegation (valid_to) WHERE status IN ('IN_ATTESA', 'ACCETTATA')`);
    await q.query(`
      CREATE TABLE delegation_request (
        id bigserial PRIMARY KEY,
        delegation_id uuid NOT NULL REFERENCES delegation (id),
        kind text NOT NULL CHECK (kind IN ('INSERIMENTO', 'MODIFICA', 'REVOCA')),
        data_inizio date,
        data_scadenza date,
        requested_by varchar(16) NOT NULL,
        requested_at timestamptz NOT NULL,
        outcome text NOT NULL
          CHECK (outcome IN ('ATTESA_APPROVAZIONE', 'COMPLETATA', 'RIFIUTATA', 'ANNULLATA', 'SCADUTA')),
        reason text,
        decided_by text,
        decided_at timestamptz
      )`);
    // "Id richiesta" as the portal numbers them.
    await q.query('ALTER SEQUENCE delegation_request_id_seq RESTART WITH 100001');
    await q.query('CREATE INDEX delegation_request_delegation ON delegation_request (delegation_id, id)');
    await q.query('CREATE INDEX delegation_request_requested_by ON delegation_request (requested_by, id DESC)');
    // The history is immutable: a request is written once, answered once, never deleted.
    await q.query(`
      CREATE FUNCTION delegation_request_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN RAISE EXCEPTION 'delegation_request rows are never deleted'; END IF;
        IF OLD.outcome <> 'ATTESA_APPROVAZIONE'
           OR NEW.id <> OLD.id OR NEW.delegation_id <> OLD.delegation_id OR NEW.kind <> OLD.kind
           OR NEW.data_inizio IS DISTINCT FROM OLD.data_inizio OR NEW.data_scadenza IS DISTINCT FROM OLD.data_scadenza
           OR NEW.requested_by <> OLD.requested_by OR NEW.requested_at <> OLD.requested_at THEN
          RAISE EXCEPTION 'delegation_request % is immutable once answered', OLD.id;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER delegation_request_immutable BEFORE UPDATE OR DELETE ON delegation_request
      FOR EACH ROW EXECUTE FUNCTION delegation_request_immutable()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE delegation_request');
    await q.query('DROP FUNCTION delegation_request_immutable()');
    await q.query('DROP TABLE delegation');
    await q.query('DROP TABLE organization_ref');
  }
}
