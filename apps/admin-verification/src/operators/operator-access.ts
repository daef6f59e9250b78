import { Inject, Injectable } from '@nestjs/common';
import { type Actor, CommonErrorCode, CommonException } from '@profila/platform';
import type { RegistryOperatorUnit } from '@profila/contracts';
import { RegistryClient } from '../clients/registry.client.js';
import type { AdminVerificationEnv } from '../config/admin-verification.env.js';
import { ADMIN_VERIFICATION_ENV } from '../config/admin-verification.tokens.js';
import type { TerritoryScope } from '../requests/verification-request.repository.js';
import { VerificationException, VerificationExceptionCode } from '../requests/verification.exception.js';

/** An operator as the back office knows them: their units (territory) and whether they manage operators. */
export interface OperatorContext {
  codiceFiscale: string;
  superOperatore: boolean;
  units: RegistryOperatorUnit[];
  scope: TerritoryScope;
}

/** Where a request belongs. */
export interface RequestTerritory {
  territoryComune: string | null;
  territoryProvincia: string | null;
}

/**
 * Who is an operator, and of which territory: asked of the registry at every request (its memberships with the
 * BACKOFFICE role, no second user store), so a change there holds at once. The deployment's super-operators
 * (SUPER_OPERATORS) and SUPEROPERATORE members manage operators and see the requests no territory claims.
 */
@Injectable()
export class OperatorAccess {
  constructor(
    private readonly registry: RegistryClient,
    @Inject(ADMIN_VERIFICATION_ENV) private readonly env: AdminVerificationEnv,
  ) {}

  async resolve(actor: Actor): Promise<OperatorContext> {
    if (actor.kind !== 'citizen') throw notAnOperator();
    const territory = await this.registry.operatorTerritory(actor.id);
    const superOperatore = territory.superOperatore || this.env.superOperators.includes(actor.id);
    if (!territory.operatore && !superOperatore) throw notAnOperator();
    const comuni = new Set<string>();
    const province = new Set<string>();
    for (const unit of territory.units) {
      unit.comuniServiti.forEach((c) => comuni.add(c));
      unit.provinceServite.forEach((p) => province.add(p));
    }
    return {
      codiceFiscale: actor.id,
      superOperatore,
      units: territory.units,
      scope: { comuni: [...comuni], province: [...province], unclaimed: superOperatore },
    };
  }

  async resolveSuper(actor: Actor): Promise<OperatorContext> {
    const operator = await this.resolve(actor);
    if (!operator.superOperatore) {
      throw new VerificationException(
        VerificationExceptionCode.NOT_A_SUPER_OPERATOR,
        'Solo un super-operatore gestisce gli operatori e le loro unità.',
      );
    }
    return operator;
  }

  /** Whether the request is in the operator's territory. Outside it, callers answer 404 (never revealing it). */
  covers(operator: OperatorContext, request: RequestTerritory): boolean {
    const { comuni, province, unclaimed } = operator.scope;
    if (request.territoryComune === null && request.territoryProvincia === null) return unclaimed;
    return (
      (request.territoryComune !== null && comuni.includes(request.territoryComune)) ||
      (request.territoryProvincia !== null && province.includes(request.territoryProvincia))
    );
  }
}

function notAnOperator(): VerificationException {
  return new VerificationException(
    VerificationExceptionCode.NOT_AN_OPERATOR,
    'Area riservata agli operatori: la tua identità digitale non è abilitata al back office.',
  );
}

export function requestNotFound(): CommonException {
  return new CommonException(CommonErrorCode.NOT_FOUND, 'Richiesta non trovata');
}
