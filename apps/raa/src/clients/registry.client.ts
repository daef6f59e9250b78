import { Inject, Injectable } from '@nestjs/common';
import type { RegistryOperator, RegistryOperatorTerritory } from '@profila/contracts';
import { CommonErrorCode, CommonException } from '@profila/platform';
import type { RaaEnv } from '../config/raa.env.js';
import { RAA_ENV } from '../config/raa.tokens.js';
import { callService, type ServiceAnswer } from './service-http.js';

/** The registry's operators API (the back office's operators and their units), with the service credential. */
@Injectable()
export class RegistryClient {
  constructor(@Inject(RAA_ENV) private readonly env: RaaEnv) {}

  async operatorTerritory(cf: string): Promise<RegistryOperatorTerritory> {
    return this.ok(await this.call<RegistryOperatorTerritory>('GET', `operators/${encodeURIComponent(cf)}`));
  }

  async operators(): Promise<RegistryOperator[]> {
    return this.ok(await this.call<{ items: RegistryOperator[] }>('GET', 'operators')).items;
  }

  private async call<T>(method: string, path: string): Promise<ServiceAnswer<T>> {
    try {
      return await callService<T>(this.env.REGISTRY_URL, this.env.SERVICE_TOKEN, method, path);
    } catch {
      throw unavailable();
    }
  }

  private ok<T>(answer: ServiceAnswer<T>): T {
    if (answer.status >= 200 && answer.status < 300) return answer.body;
    throw unavailable();
  }
}

function unavailable(): CommonException {
  return new CommonException(
    CommonErrorCode.SERVICE_UNAVAILABLE,
    "L'anagrafica degli operatori non risponde: riprovare più tardi.",
  );
}
