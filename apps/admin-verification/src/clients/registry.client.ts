import { Inject, Injectable } from '@nestjs/common';
import type { RegistryOperator, RegistryOperatorTerritory } from '@profila/contracts';
import { CommonErrorCode, CommonException } from '@profila/platform';
import type { AdminVerificationEnv } from '../config/admin-verification.env.js';
import { ADMIN_VERIFICATION_ENV } from '../config/admin-verification.tokens.js';
import { callService, type ServiceAnswer } from './service-http.js';

export interface RegistryOrganization {
  organizationId: string;
  kind: string;
  codiceFiscale: string | null;
  ragioneSociale: string;
  sedeComune: string | null;
  sedeProvincia: string | null;
  responsabileUnicoCf: string | null;
}

export interface RegistryStructure {
  organizationId: string;
  ragioneSociale: string;
  tipoEnte: string | null;
  units: Array<{ unitId: string; descrizione: string; comuniServiti: string[]; provinceServite: string[] }>;
}

/** A unit as the registry answers it (organizations/:id/units). */
export interface RegistryUnit {
  id: string;
  descrizione: string;
  comune: string;
  comuneNome: string;
  provincia: string;
  cap: string | null;
  indirizzo: string;
  validaDal: string;
  validaAl: string | null;
  comuniServiti: string[];
  provinceServite: string[];
}

export interface UnitValues {
  descrizione: string;
  comune: string;
  cap?: string;
  indirizzo: string;
  validaDal: string;
  validaAl?: string;
  comuniServiti?: string[];
  provinceServite?: string[];
}

export interface NewPublicAdministration {
  ragioneSociale: string;
  codiceFiscale: string;
  codiceIpa?: string;
  provincia: string;
  comune: string;
  cap?: string;
  indirizzo: string;
  email: string;
  pec?: string;
}

/** The registry's service API (organisations, operators, Responsabili unici), with the service credential. */
@Injectable()
export class RegistryClient {
  constructor(@Inject(ADMIN_VERIFICATION_ENV) private readonly env: AdminVerificationEnv) {}

  async organization(id: string): Promise<RegistryOrganization | null> {
    return this.orNull(await this.call<RegistryOrganization>('GET', `verifications/organizations/${enc(id)}`));
  }

  async organizationByCf(cf: string): Promise<RegistryOrganization | null> {
    return this.orNull(
      await this.call<RegistryOrganization>('GET', `verifications/organizations/by-codice-fiscale/${enc(cf)}`),
    );
  }

  async responsabileOf(cf: string): Promise<RegistryOrganization | null> {
    return this.orNull(await this.call<RegistryOrganization>('GET', `verifications/responsabili-unici/${enc(cf)}`));
  }

  async endResponsabile(cf: string): Promise<RegistryOrganization | null> {
    return this.orNull(await this.call<RegistryOrganization>('DELETE', `verifications/responsabili-unici/${enc(cf)}`));
  }

  async operatorTerritory(cf: string): Promise<RegistryOperatorTerritory> {
    return this.ok(await this.call<RegistryOperatorTerritory>('GET', `operators/${enc(cf)}`));
  }

  async operators(): Promise<RegistryOperator[]> {
    return this.ok(await this.call<{ items: RegistryOperator[] }>('GET', 'operators')).items;
  }

  async structures(): Promise<RegistryStructure[]> {
    return this.ok(await this.call<{ items: RegistryStructure[] }>('GET', 'operators/structures')).items;
  }

  async unitsOf(organizationId: string): Promise<RegistryUnit[]> {
    return this.ok(await this.call<{ items: RegistryUnit[] }>('GET', `organizations/${enc(organizationId)}/units`))
      .items;
  }

  createUnit(organizationId: string, unit: UnitValues): Promise<ServiceAnswer<unknown>> {
    return this.call('POST', `organizations/${enc(organizationId)}/units`, unit);
  }

  updateUnit(organizationId: string, unitId: string, unit: UnitValues): Promise<ServiceAnswer<unknown>> {
    return this.call('PUT', `organizations/${enc(organizationId)}/units/${enc(unitId)}`, unit);
  }

  /** The registry's own answer (status and body) is passed on: its validation messages are the user's. */
  assignOperator(
    cf: string,
    organizationId: string,
    body: { nome: string; cognome: string; unitIds: string[]; superOperatore?: boolean },
  ): Promise<ServiceAnswer<unknown>> {
    return this.call('PUT', `operators/${enc(cf)}/organizations/${enc(organizationId)}`, body);
  }

  unassignOperator(cf: string, organizationId: string): Promise<ServiceAnswer<unknown>> {
    return this.call('DELETE', `operators/${enc(cf)}/organizations/${enc(organizationId)}`);
  }

  registerPublicAdministration(
    pa: NewPublicAdministration,
  ): Promise<ServiceAnswer<{ id?: string } & Record<string, unknown>>> {
    return this.call('POST', 'organizations/pubbliche-amministrazioni', pa);
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<ServiceAnswer<T>> {
    try {
      return await callService<T>(this.env.REGISTRY_URL, this.env.SERVICE_TOKEN, method, path, body);
    } catch {
      throw new CommonException(
        CommonErrorCode.SERVICE_UNAVAILABLE,
        "L'anagrafica delle organizzazioni non risponde: riprovare più tardi.",
      );
    }
  }

  private orNull<T>(answer: ServiceAnswer<T>): T | null {
    if (answer.status === 404) return null;
    return this.ok(answer);
  }

  private ok<T>(answer: ServiceAnswer<T>): T {
    if (answer.status >= 200 && answer.status < 300) return answer.body;
    throw new CommonException(CommonErrorCode.SERVICE_UNAVAILABLE, "L'anagrafica delle organizzazioni non risponde.");
  }
}

function enc(value: string): string {
  return encodeURIComponent(value);
}
