import { assertNever, DomainException } from '@profila/platform';

export enum MessagingExceptionCode {
  DEAD_LETTER_NOT_FOUND = 'DEAD_LETTER_NOT_FOUND',
}

export class MessagingException extends DomainException<MessagingExceptionCode> {
  constructor(code: MessagingExceptionCode, message = messagingErrorMessage(code)) {
    super(code, message);
  }

  httpStatus(): number {
    switch (this.code) {
      case MessagingExceptionCode.DEAD_LETTER_NOT_FOUND:
        return 404;
      default:
        return assertNever(this.code);
    }
  }
}

function messagingErrorMessage(code: MessagingExceptionCode): string {
  switch (code) {
    case MessagingExceptionCode.DEAD_LETTER_NOT_FOUND:
      return 'Evento non trovato tra quelli in attesa di riprocessamento';
    default:
      return assertNever(code);
  }
}
