import { ParseUUIDPipe } from '@nestjs/common';
import { CommonErrorCode, CommonException } from '@profila/platform';

/** A malformed id is answered like an unknown one (404), never with a hint. */
export const OrganizationId = new ParseUUIDPipe({
  exceptionFactory: () => new CommonException(CommonErrorCode.NOT_FOUND, 'Organizzazione non trovata'),
});

export const ResourceId = new ParseUUIDPipe({
  exceptionFactory: () => new CommonException(CommonErrorCode.NOT_FOUND),
});
