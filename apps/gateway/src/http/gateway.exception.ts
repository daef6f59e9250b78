import { assertNever, DomainException } from '@profila/platform';

/** Codes the gateway itself answers about the services behind it (the rest are CommonErrorCode). */
export enum GatewayExceptionCode {
  /** A path the gateway will not forward (it would climb out of the service, or name another host). */
  BAD_REQUEST = 'BAD_REQUEST',
  /** The service answered something that is not HTTP, or dropped the request half-way. */
  BAD_GATEWAY = 'BAD_GATEWAY',
  /** The service did not answer in time. */
  GATEWAY_TIMEOUT = 'GATEWAY_TIMEOUT',
}

export class GatewayException extends DomainException<GatewayExceptionCode> {
  constructor(code: GatewayExceptionCode, message: string) {
    super(code, message);
  }

  httpStatus(): number {
    switch (this.code) {
      case GatewayExceptionCode.BAD_REQUEST:
        return 400;
      case GatewayExceptionCode.BAD_GATEWAY:
        return 502;
      case GatewayExceptionCode.GATEWAY_TIMEOUT:
        return 504;
      default:
        return assertNever(this.code);
    }
  }
}
