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
  const defaults = new dto() as Record<string, unknown>;
  const defined = Object.fromEntries(
    Object.entries(source)
      .filter(([, v]) => v !== undefined && v !== '')
      .map(([k, v]) => [k, coerceLike(defaults[k], v!)]),
  );
  const env = plainToInstance(dto, defined, { exposeDefaultValues: true });
  const errors = validateSync(env, { whitelist: false, forbidUnknownValues: false });
  if (errors.length > 0) {
    throw new EnvValidationError(
      errors.map((e) => `${e.property}=${JSON.stringify(e.value)}: ${Object.values(e.constraints ?? {}).join(', ')}`),
    );
  }
  return env;
}

/** Environment values are strings: give them the type of the DTO's default (number, boolean). */
function coerceLike(defaultValue: unknown, value: string): unknown {
  if (typeof defaultValue === 'number') return /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
  if (typeof defaultValue === 'boolean') {
    if (/^(true|1|yes)$/i.test(value.trim())) return true;
    if (/^(false|0|no)$/i.test(value.trim())) return false;
  }
  return value;
}
