import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

export class EnvValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n  - ${problems.join('\n  - ')}`);
    this.name = 'EnvValidationError';
  }
}

/**
 * Reads the environment into a class-validator DTO and fails fast at boot.
 * Defaults on the DTO serve the embedded mode; compose and k8s override them.
 */
export function loadEnv<T extends object>(dto: new () => T, source: NodeJS.ProcessEnv = process.env): T {
  const defined = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const env = plainToInstance(dto, defined, { enableImplicitConversion: true, exposeDefaultValues: true });
  const errors = validateSync(env, { whitelist: false, forbidUnknownValues: false });
  if (errors.length > 0) {
    throw new EnvValidationError(
      errors.map((e) => `${e.property}=${JSON.stringify(e.value)}: ${Object.values(e.constraints ?? {}).join(', ')}`),
    );
  }
  return env;
}
