/**
 * Base of every module's exception. A module declares `FooExceptionCode` (an enum of English codes)
 * and maps each code to an HTTP status in an exhaustive switch; the global filter does the rest.
 * Domain code never throws HttpException.
 */
export abstract class DomainException<Code extends string = string> extends Error {
  protected constructor(
    readonly code: Code,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }

  /** HTTP status for this code: implemented with an exhaustive switch in each module. */
  abstract httpStatus(): number;
}

/** Exhaustiveness helper for `switch (code)`. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${String(value)}`);
}
