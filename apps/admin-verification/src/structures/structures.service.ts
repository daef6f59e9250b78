import { Injectable } from '@nestjs/common';
import { type Actor, CommonErrorCode, CommonException, validationFailed } from '@profila/platform';
import { RegistryClient, type RegistryUnit } from '../clients/registry.client.js';
import type { ServiceAnswer } from '../clients/service-http.js';
import { OperatorAccess, type OperatorContext } from '../operators/operator-access.js';
import { StructuresException, StructuresExceptionCode } from './structures.exception.js';
import type {
  StaffBody,
  StructureDetailResponse,
  StructureUnitBody,
  StructureUnitResponse,
} from './dto/structures.dto.js';

/**
 * "Strutture regionali": a Region / Provincia / agency's sedi and CPI (the registry's units, each with the comuni and
 * province it serves) and its staff (who has the back-office role on them). The super-operator sees and edits every
 * structure; an operator only the structures they work in. Anything else is 404, as if it did not exist. The
 * registry keeps the data (and audits its changes); this service only decides who may ask.
 */
@Injectable()
export class StructuresService {
  constructor(
    private readonly access: OperatorAccess,
    private readonly registry: RegistryClient,
  ) {}

  async list(actor: Actor) {
    const operator = await this.access.resolve(actor);
    const all = await this.registry.structures();
    return operator.superOperatore ? all : all.filter((s) => worksIn(operator, s.organizationId));
  }

  async detail(actor: Actor, organizationId: string): Promise<StructureDetailResponse> {
    await this.structureOf(await this.access.resolve(actor), organizationId);
    return this.view(organizationId);
  }

  async createUnit(actor: Actor, organizationId: string, body: StructureUnitBody): Promise<StructureDetailResponse> {
    await this.structureOf(await this.access.resolve(actor), organizationId);
    passOn(await this.registry.createUnit(organizationId, body));
    return this.view(organizationId);
  }

  async updateUnit(
    actor: Actor,
    organizationId: string,
    unitId: string,
    body: StructureUnitBody,
  ): Promise<StructureDetailResponse> {
    const structure = await this.structureOf(await this.access.resolve(actor), organizationId);
    if (!structure.units.some((u) => u.unitId === unitId)) throw notFound();
    passOn(await this.registry.updateUnit(organizationId, unitId, body));
    return this.view(organizationId);
  }

  /** Puts a person on some of the structure's units (their super-operator role, if any, is kept as it is). */
  async assignStaff(
    actor: Actor,
    organizationId: string,
    codiceFiscale: string,
    body: StaffBody,
  ): Promise<StructureDetailResponse> {
    await this.structureOf(await this.access.resolve(actor), organizationId);
    const current = (await this.registry.operators())
      .find((o) => o.codiceFiscale === codiceFiscale)
      ?.assignments.find((a) => a.organizationId === organizationId);
    passOn(
      await this.registry.assignOperator(codiceFiscale, organizationId, {
        ...body,
        superOperatore: current?.superOperatore ?? false,
      }),
    );
    return this.view(organizationId);
  }

  async removeStaff(actor: Actor, organizationId: string, codiceFiscale: string): Promise<StructureDetailResponse> {
    const operator = await this.access.resolve(actor);
    await this.structureOf(operator, organizationId);
    if (codiceFiscale === operator.codiceFiscale && !operator.superOperatore) {
      throw validationFailed({ codiceFiscale: 'Non puoi toglierti da solo dal personale della struttura' });
    }
    passOn(await this.registry.unassignOperator(codiceFiscale, organizationId));
    return this.view(organizationId);
  }

  private async structureOf(operator: OperatorContext, organizationId: string) {
    const structure = (await this.registry.structures()).find((s) => s.organizationId === organizationId);
    if (!structure || (!operator.superOperatore && !worksIn(operator, organizationId))) throw notFound();
    return structure;
  }

  private async view(organizationId: string): Promise<StructureDetailResponse> {
    const structure = (await this.registry.structures()).find((s) => s.organizationId === organizationId);
    if (!structure) throw notFound();
    const [units, operators] = await Promise.all([this.registry.unitsOf(organizationId), this.registry.operators()]);
    const staff = operators.flatMap((o) =>
      o.assignments
        .filter((a) => a.organizationId === organizationId)
        .map((a) => ({
          codiceFiscale: o.codiceFiscale,
          nome: o.nome,
          cognome: o.cognome,
          superOperatore: a.superOperatore,
          units: a.units.map((u) => ({ unitId: u.unitId, descrizione: u.descrizione })),
        })),
    );
    return {
      organizationId: structure.organizationId,
      ragioneSociale: structure.ragioneSociale,
      tipoEnte: structure.tipoEnte,
      units: units.map(unitOf),
      staff: staff.sort((a, b) => `${a.cognome} ${a.nome}`.localeCompare(`${b.cognome} ${b.nome}`)),
    };
  }
}

function worksIn(operator: OperatorContext, organizationId: string): boolean {
  return operator.units.some((u) => u.organizationId === organizationId);
}

function unitOf(u: RegistryUnit): StructureUnitResponse {
  return {
    unitId: u.id,
    descrizione: u.descrizione,
    comune: u.comune,
    comuneNome: u.comuneNome,
    provincia: u.provincia,
    cap: u.cap,
    indirizzo: u.indirizzo,
    validaDal: u.validaDal,
    validaAl: u.validaAl,
    comuniServiti: u.comuniServiti,
    provinceServite: u.provinceServite,
  };
}

function notFound(): CommonException {
  return new CommonException(CommonErrorCode.NOT_FOUND, 'Struttura non trovata');
}

/** The registry's refusals as ours: its field messages are the user's. */
function passOn(answer: ServiceAnswer<unknown>): void {
  if (answer.status >= 200 && answer.status < 300) return;
  const body = (answer.body ?? {}) as { message?: string; details?: { fields?: Record<string, string> } };
  if (answer.status === 400) throw validationFailed(body.details?.fields ?? {});
  if (answer.status === 404) throw notFound();
  throw new StructuresException(
    StructuresExceptionCode.STRUCTURE_CHANGE_REFUSED,
    body.message ?? "L'anagrafica non ha accettato la modifica.",
  );
}
