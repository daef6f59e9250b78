import { assertNever, DomainException } from '@profila/platform';

export enum TemplatesExceptionCode {
  REQUEST_NOT_FOUND = 'REQUEST_NOT_FOUND',
  DECLARANT_REQUIRED = 'DECLARANT_REQUIRED',
  DECLARANT_DATA_MISMATCH = 'DECLARANT_DATA_MISMATCH',
}

export class TemplatesException extends DomainException<TemplatesExceptionCode> {
  constructor(code: TemplatesExceptionCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
  }

  httpStatus(): number {
    switch (this.code) {
      case TemplatesExceptionCode.REQUEST_NOT_FOUND:
        return 404;
      case TemplatesExceptionCode.DECLARANT_REQUIRED:
      case TemplatesExceptionCode.DECLARANT_DATA_MISMATCH:
        return 400;
      default:
        return assertNever(this.code);
    }
  }
}
