import { Injectable } from '@nestjs/common';
import { type Actor, CommonErrorCode, CommonException, validationFailed } from '@profila/platform';
import { RegistryClient } from '../clients/registry.client.js';
import type { ServiceAnswer } from '../clients/service-http.js';
import type { AssignOperatorBody, OperatorEntryDto, OperatorMeResponse } from './dto/operators.dto.js';
import { OperatorAccess } from './operator-access.js';

/** The super-operator's management of operators and their units (kept as registry memberships). */
@Injectable()
export class OperatorsService {
  constructor(
    private readonly access: OperatorAccess,
    private readonly registry: RegistryClient,
  ) {}

  async me(actor: Actor): Promise<OperatorMeResponse> {
    const operator = await this.access.resolve(actor);
    return { codiceFiscale: operator.codiceFiscale, superOperatore: operator.superOperatore, units: operator.units };
  }

  async list(actor: Actor): Promise<OperatorEntryDto[]> {
    await this.access.resolveSuper(actor);
    return this.registry.operators();
  }

  async assign(
    actor: Actor,
    cf: string,
    organizationId: string,
    body: AssignOperatorBody,
  ): Promise<OperatorMeResponse> {
    await this.access.resolveSuper(actor);
    const answer = await this.registry.assignOperator(cf, organizationId, body);
    return territory(cf, answer);
  }

  async unassign(actor: Actor, cf: string, organizationId: string): Promise<OperatorMeResponse> {
    await this.access.resolveSuper(actor);
    return territory(cf, await this.registry.unassignOperator(cf, organizationId));
  }
}

/** The registry's answer, passed on in our shapes (its field messages are the user's). */
function territory(cf: string, answer: ServiceAnswer<unknown>): OperatorMeResponse {
  const body = answer.body as {
    superOperatore?: boolean;
    units?: OperatorMeResponse['units'];
    message?: string;
    details?: { fields?: Record<string, string> };
  };
  if (answer.status >= 200 && answer.status < 300) {
    return { codiceFiscale: cf, superOperatore: body.superOperatore ?? false, units: body.units ?? [] };
  }
  if (answer.status === 400) throw validationFailed(body.details?.fields ?? {});
  if (answer.status === 404) throw new CommonException(CommonErrorCode.NOT_FOUND, body.message ?? 'Non trovato');
  throw new CommonException(CommonErrorCode.FORBIDDEN, body.message ?? 'Operazione non consentita.');
}
