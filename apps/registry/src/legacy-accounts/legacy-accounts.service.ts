import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditTrail } from '@profila/audit';
import { type Actor, CommonErrorCode, CommonException } from '@profila/platform';
import { decoyVerification, verifyLegacyPassword } from '../domain/legacy-password.js';
import type { LegacyClaimDto, LegacyClaimResponse } from './dto/legacy-claim.dto.js';
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
    if (actor.kind !== 'citizen') throw new CommonException(CommonErrorCode.FORBIDDEN);
    const usernameNorm = dto.username.trim().toLowerCase();
    const manager = this.dataSource.manager;
    const since = new Date(Date.now() - CLAIM_WINDOW_MS);
    const [byCitizen, byUsername] = await Promise.all([
      this.accounts.attemptsSince(manager, since, { citizenCf: actor.id }),
      this.accounts.attemptsSince(manager, since, { usernameNorm }),
    ]);
    if (byCitizen >= CLAIM_MAX_FAILURES || byUsername >= CLAIM_MAX_FAILURES) {
      await this.dataSource.transaction((m) =>
        this.audit.record(m, {
          action: 'legacy-account.claim-refused',
          subject: { type: 'legacy-account', id: usernameNorm },
          data: { reason: 'too-many-attempts' },
        }),
      );
      throw new CommonException(CommonErrorCode.TOO_MANY_REQUESTS);
    }

    const account = await this.accounts.findCompanyLogin(manager, usernameNorm);
    const valid = account
      ? await verifyLegacyPassword(account.passwordScheme, account.passwordHash, dto.password)
      : await decoyVerification(dto.password);
    if (!account || !valid || !account.organizationId) {
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

    return this.dataSource.transaction(async (m) => {
      await this.accounts.recordAttempt(m, actor.id, usernameNorm, true);
      if (!(await this.accounts.claim(m, account.username, actor.id))) {
        await this.audit.record(m, {
          action: 'legacy-account.claim-refused',
          subject: { type: 'legacy-account', id: account.username },
          data: { reason: 'already-claimed' },
        });
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
}
