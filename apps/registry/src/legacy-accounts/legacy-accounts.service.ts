import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditTrail } from '@profila/audit';
import { type Actor, CommonErrorCode, CommonException } from '@profila/platform';
import { decoyVerification, verifyLegacyPassword } from '../domain/legacy-password.js';
import type { LegacyClaimDto, LegacyClaimResponse, LegacyRaaClaimResponse } from './dto/legacy-claim.dto.js';
import type { LegacyAccount, LegacyAccountKind } from '../legacy-import/legacy-account.entity.js';
import { LegacyAccountRepository } from './legacy-account.repository.js';
import { LegacyAccountsException, LegacyAccountsExceptionCode } from './legacy-accounts.exception.js';

/** Failed attempts allowed per citizen and per username in the window, before the claim answers 429. */
export const CLAIM_MAX_FAILURES = 5;
export const CLAIM_WINDOW_MS = 15 * 60 * 1000;
const INVALID = 'Username o password non corretti';

/**
 * "Accedi all'utenza aziendale" (ADR 0014): a citizen logged in with SPID proves, once, that they hold a legacy
 * company login. That grants nothing: it tells the web page which organisation and referent to pre-fill in the
 * Amministratore nomination, which an operator verifies. Every attempt is counted and audited in its own transaction.
 */
@Injectable()
export class LegacyAccountsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: LegacyAccountRepository,
    private readonly audit: AuditTrail,
  ) {}

  async claim(actor: Actor, dto: LegacyClaimDto): Promise<LegacyClaimResponse> {
    const { account, usernameNorm } = await this.verified(actor, dto, 'azienda');
    return this.dataSource.transaction(async (m) => {
      await this.accounts.recordAttempt(m, actor.id, usernameNorm, true);
      if (!(await this.accounts.claim(m, account.username, actor.id))) {
        await this.refusal(m, account.username, 'already-claimed');
        throw new LegacyAccountsException(
          LegacyAccountsExceptionCode.LEGACY_ACCOUNT_ALREADY_CLAIMED,
          "Questa utenza aziendale è già stata collegata da un'altra persona",
        );
      }
      const organization = (await this.accounts.organization(m, account.organizationId!))!;
      const referente = account.codiceFiscalePersona
        ? await this.accounts.person(m, account.codiceFiscalePersona)
        : null;
      await this.audit.record(m, {
        action: 'legacy-account.claimed',
        subject: { type: 'organization', id: organization.id },
        data: { username: account.username },
      });
      return {
        username: account.username,
        organizationId: organization.id,
        codiceFiscale: organization.codiceFiscale ?? '',
        ragioneSociale: organization.ragioneSociale,
        referente: referente
          ? {
              codiceFiscale: referente.codiceFiscale,
              nome: referente.nome,
              cognome: referente.cognome,
              dataNascita: referente.dataNascita,
              luogoNascita: referente.luogoNascita,
              email: referente.email,
            }
          : null,
      };
    });
  }

  /**
   * "Accedi all'utenza RAA": a lawyer or authorised body logged in with SPID proves, once, that they held an RAA
   * login of the old portal. The login must be their own (its codice fiscale is the SPID identity's): the answer is
   * what the legacy registration declared, to pre-fill the new RAA registration, which an operator still verifies.
   * It grants nothing.
   */
  async claimRaa(actor: Actor, dto: LegacyClaimDto): Promise<LegacyRaaClaimResponse> {
    const { account, usernameNorm } = await this.verified(actor, dto, 'raa');
    if (account.codiceFiscalePersona !== actor.id) {
      await this.dataSource.transaction(async (m) => {
        await this.accounts.recordAttempt(m, actor.id, usernameNorm, true);
        await this.refusal(m, account.username, 'another-person');
      });
      throw new LegacyAccountsException(
        LegacyAccountsExceptionCode.LEGACY_ACCOUNT_OF_ANOTHER_PERSON,
        "Questa utenza RAA è intestata a un'altra persona: accedi al portale con la tua identità digitale",
      );
    }
    return this.dataSource.transaction(async (m) => {
      await this.accounts.recordAttempt(m, actor.id, usernameNorm, true);
      // Its own codice fiscale: nobody else can have claimed it; the mark records when.
      await this.accounts.claim(m, account.username, actor.id);
      const person = await this.accounts.person(m, actor.id);
      await this.audit.record(m, {
        action: 'legacy-account.claimed',
        subject: { type: 'legacy-account', id: account.username },
        data: { kind: 'raa' },
      });
      return {
        username: account.username,
        codiceFiscale: actor.id,
        nome: person?.nome ?? '',
        cognome: person?.cognome ?? '',
        dataNascita: person?.dataNascita ?? null,
        luogoNascita: person?.luogoNascita ?? null,
        email: account.email ?? person?.email ?? null,
        pec: account.pec,
        professione: account.professione,
      };
    });
  }

  /**
   * The legacy login of that kind whose password the caller knows, or the refusal: 403 for a caller who is not a
   * citizen, 429 after too many failures (per citizen and per username), one 401 for an unknown username and a wrong
   * password alike (a decoy check keeps their timing alike too). Every refusal is audited, every failure counted.
   */
  private async verified(
    actor: Actor,
    dto: LegacyClaimDto,
    kind: LegacyAccountKind,
  ): Promise<{ account: LegacyAccount; usernameNorm: string }> {
    if (actor.kind !== 'citizen') throw new CommonException(CommonErrorCode.FORBIDDEN);
    const usernameNorm = dto.username.trim().toLowerCase();
    const manager = this.dataSource.manager;
    const since = new Date(Date.now() - CLAIM_WINDOW_MS);
    const [byCitizen, byUsername] = await Promise.all([
      this.accounts.attemptsSince(manager, since, { citizenCf: actor.id }),
      this.accounts.attemptsSince(manager, since, { usernameNorm }),
    ]);
    if (byCitizen >= CLAIM_MAX_FAILURES || byUsername >= CLAIM_MAX_FAILURES) {
      await this.dataSource.transaction((m) => this.refusal(m, usernameNorm, 'too-many-attempts'));
      throw new CommonException(CommonErrorCode.TOO_MANY_REQUESTS);
    }

    const account = await this.accounts.findLogin(manager, usernameNorm, kind);
    const valid = account
      ? await verifyLegacyPassword(account.passwordScheme, account.passwordHash, dto.password)
      : await decoyVerification(dto.password);
    if (!account || !valid || (kind === 'azienda' && !account.organizationId)) {
      await this.dataSource.transaction(async (m) => {
        await this.accounts.recordAttempt(m, actor.id, usernameNorm, false);
        await this.audit.record(m, {
          action: 'legacy-account.claim-failed',
          subject: { type: 'legacy-account', id: usernameNorm },
          data: {},
        });
      });
      throw new LegacyAccountsException(LegacyAccountsExceptionCode.LEGACY_CREDENTIALS_INVALID, INVALID);
    }
    return { account, usernameNorm };
  }

  /** The audit entry of a claim refused for another reason than the credentials (those are `claim-failed`). */
  private async refusal(
    manager: EntityManager,
    username: string,
    reason: 'too-many-attempts' | 'already-claimed' | 'another-person',
  ): Promise<void> {
    await this.audit.record(manager, {
      action: 'legacy-account.claim-refused',
      subject: { type: 'legacy-account', id: username },
      data: { reason },
    });
  }
}
