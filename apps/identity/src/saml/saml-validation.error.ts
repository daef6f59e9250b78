/** Why a SAML message was refused. English codes for logs and tests; the user sees `message` (Italian). */
export enum SamlErrorCode {
  MALFORMED_MESSAGE = 'MALFORMED_MESSAGE',
  INVALID_ID = 'INVALID_ID',
  INVALID_VERSION = 'INVALID_VERSION',
  INVALID_ISSUE_INSTANT = 'INVALID_ISSUE_INSTANT',
  WRONG_DESTINATION = 'WRONG_DESTINATION',
  MISSING_IN_RESPONSE_TO = 'MISSING_IN_RESPONSE_TO',
  UNKNOWN_REQUEST = 'UNKNOWN_REQUEST',
  REPLAYED_RESPONSE = 'REPLAYED_RESPONSE',
  REQUEST_EXPIRED = 'REQUEST_EXPIRED',
  RELAY_STATE_MISMATCH = 'RELAY_STATE_MISMATCH',
  UNKNOWN_IDP = 'UNKNOWN_IDP',
  WRONG_ISSUER = 'WRONG_ISSUER',
  INVALID_STATUS = 'INVALID_STATUS',
  MISSING_SIGNATURE = 'MISSING_SIGNATURE',
  INVALID_SIGNATURE = 'INVALID_SIGNATURE',
  MISSING_ASSERTION = 'MISSING_ASSERTION',
  MULTIPLE_ASSERTIONS = 'MULTIPLE_ASSERTIONS',
  SIGNATURE_WRAPPING = 'SIGNATURE_WRAPPING',
  INVALID_SUBJECT = 'INVALID_SUBJECT',
  INVALID_SUBJECT_CONFIRMATION = 'INVALID_SUBJECT_CONFIRMATION',
  WRONG_RECIPIENT = 'WRONG_RECIPIENT',
  IN_RESPONSE_TO_MISMATCH = 'IN_RESPONSE_TO_MISMATCH',
  INVALID_CONDITIONS = 'INVALID_CONDITIONS',
  NOT_YET_VALID = 'NOT_YET_VALID',
  EXPIRED = 'EXPIRED',
  WRONG_AUDIENCE = 'WRONG_AUDIENCE',
  INVALID_AUTHN_CONTEXT = 'INVALID_AUTHN_CONTEXT',
  LEVEL_TOO_LOW = 'LEVEL_TOO_LOW',
  MISSING_ATTRIBUTES = 'MISSING_ATTRIBUTES',
  INVALID_FISCAL_NUMBER = 'INVALID_FISCAL_NUMBER',
  /** Non-success status from the IdP, by SPID anomaly (Tabella messaggi di anomalia). */
  IDP_AUTHN_FAILED = 'IDP_AUTHN_FAILED',
  IDP_REQUEST_REJECTED = 'IDP_REQUEST_REJECTED',
  IDP_TOO_MANY_ATTEMPTS = 'IDP_TOO_MANY_ATTEMPTS',
  IDP_NO_COMPATIBLE_CREDENTIALS = 'IDP_NO_COMPATIBLE_CREDENTIALS',
  IDP_TIMEOUT = 'IDP_TIMEOUT',
  IDP_CONSENT_DENIED = 'IDP_CONSENT_DENIED',
  IDP_CREDENTIALS_SUSPENDED = 'IDP_CREDENTIALS_SUSPENDED',
  IDP_USER_CANCELLED = 'IDP_USER_CANCELLED',
  IDP_IDENTITY_TYPE_NOT_ACCEPTED = 'IDP_IDENTITY_TYPE_NOT_ACCEPTED',
  LOGOUT_FAILED = 'LOGOUT_FAILED',
  /** An IdP LogoutRequest we already processed, posted again. */
  REPLAYED_LOGOUT_REQUEST = 'REPLAYED_LOGOUT_REQUEST',
}

const GENERIC =
  "Non è stato possibile completare l'accesso: la risposta del gestore dell'identità digitale non è valida. " +
  'Riprovare; se il problema persiste, contattare l’assistenza.';

/** What the user reads for each code. Security failures share one message on purpose: no oracle for attackers. */
export function samlErrorMessage(code: SamlErrorCode): string {
  switch (code) {
    case SamlErrorCode.IDP_AUTHN_FAILED:
      return "Autenticazione non riuscita presso il gestore dell'identità digitale. Riprovare.";
    case SamlErrorCode.IDP_REQUEST_REJECTED:
      return "Il gestore dell'identità digitale non ha accettato la richiesta di autenticazione. Riprovare più tardi.";
    case SamlErrorCode.IDP_TOO_MANY_ATTEMPTS:
      return 'Autenticazione non riuscita: sono state inserite troppe volte credenziali errate.';
    case SamlErrorCode.IDP_NO_COMPATIBLE_CREDENTIALS:
      return 'Le credenziali usate non sono compatibili con il livello di sicurezza richiesto dal servizio.';
    case SamlErrorCode.IDP_TIMEOUT:
      return "Tempo scaduto durante l'autenticazione. Riprovare.";
    case SamlErrorCode.IDP_CONSENT_DENIED:
      return "È stato negato il consenso all'invio dei dati al servizio: l'accesso non è possibile senza.";
    case SamlErrorCode.IDP_CREDENTIALS_SUSPENDED:
      return "L'identità digitale risulta sospesa o revocata, oppure le credenziali sono bloccate. Rivolgersi al proprio gestore dell'identità digitale.";
    case SamlErrorCode.IDP_USER_CANCELLED:
      return "Accesso annullato: l'autenticazione è stata interrotta dall'utente.";
    case SamlErrorCode.IDP_IDENTITY_TYPE_NOT_ACCEPTED:
      return 'Il tipo di identità digitale usato non è accettato da questo servizio.';
    case SamlErrorCode.LEVEL_TOO_LOW:
      return 'Il livello di sicurezza dell’autenticazione è inferiore a quello richiesto dal servizio. Accedere di nuovo con un livello adeguato.';
    case SamlErrorCode.REQUEST_EXPIRED:
      return "La richiesta di accesso è scaduta. Ripetere l'accesso.";
    case SamlErrorCode.REPLAYED_RESPONSE:
      return "Questa risposta di autenticazione è già stata usata. Ripetere l'accesso.";
    case SamlErrorCode.MISSING_ATTRIBUTES:
    case SamlErrorCode.INVALID_FISCAL_NUMBER:
      return "Il gestore dell'identità digitale non ha fornito un codice fiscale valido: l'accesso non è possibile.";
    case SamlErrorCode.REPLAYED_LOGOUT_REQUEST:
      return 'Questa richiesta di uscita è già stata elaborata.';
    case SamlErrorCode.LOGOUT_FAILED:
      return "L'uscita dal gestore dell'identità digitale non è stata confermata. La sessione locale è stata chiusa.";
    case SamlErrorCode.MALFORMED_MESSAGE:
    case SamlErrorCode.INVALID_ID:
    case SamlErrorCode.INVALID_VERSION:
    case SamlErrorCode.INVALID_ISSUE_INSTANT:
    case SamlErrorCode.WRONG_DESTINATION:
    case SamlErrorCode.MISSING_IN_RESPONSE_TO:
    case SamlErrorCode.UNKNOWN_REQUEST:
    case SamlErrorCode.RELAY_STATE_MISMATCH:
    case SamlErrorCode.UNKNOWN_IDP:
    case SamlErrorCode.WRONG_ISSUER:
    case SamlErrorCode.INVALID_STATUS:
    case SamlErrorCode.MISSING_SIGNATURE:
    case SamlErrorCode.INVALID_SIGNATURE:
    case SamlErrorCode.MISSING_ASSERTION:
    case SamlErrorCode.MULTIPLE_ASSERTIONS:
    case SamlErrorCode.SIGNATURE_WRAPPING:
    case SamlErrorCode.INVALID_SUBJECT:
    case SamlErrorCode.INVALID_SUBJECT_CONFIRMATION:
    case SamlErrorCode.WRONG_RECIPIENT:
    case SamlErrorCode.IN_RESPONSE_TO_MISMATCH:
    case SamlErrorCode.INVALID_CONDITIONS:
    case SamlErrorCode.NOT_YET_VALID:
    case SamlErrorCode.EXPIRED:
    case SamlErrorCode.WRONG_AUDIENCE:
    case SamlErrorCode.INVALID_AUTHN_CONTEXT:
      return GENERIC;
    default:
      return assertNever(code);
  }
}

/** Context kept with a refusal, for the login register (SPID asks to keep request/response pairs 24 months). */
export interface SamlErrorDetails {
  /** Technical reason, English, for logs only. */
  reason: string;
  requestId?: string;
  responseId?: string;
  idp?: string;
  /** The `nn` of `ErrorCode nrnn` in the IdP's StatusMessage. */
  spidErrorCode?: number;
  statusCode?: string;
  subStatusCode?: string;
}

/**
 * A refused SAML message. The SAML core is Nest-free (dependency rule `domain-is-pure`), so this is a plain Error
 * with the same surface as the house DomainException (code, Italian message, details, httpStatus); identity's
 * LoginPageFilter renders it as the Italian error page with its status.
 */
export class SamlValidationError extends Error {
  readonly details: SamlErrorDetails & Record<string, unknown>;

  constructor(
    readonly code: SamlErrorCode,
    details: SamlErrorDetails,
  ) {
    super(samlErrorMessage(code));
    this.name = 'SamlValidationError';
    this.details = { ...details };
  }

  /** Technical reason (English). */
  get reason(): string {
    return this.details.reason;
  }

  /**
   * The ACS and SLO answer with this status (and the Italian page): 400 for a message that is not a readable SAML
   * message of the right shape, 403 for one we read and refuse (signature, replay, audience, IdP anomalies, …).
   */
  httpStatus(): number {
    switch (this.code) {
      case SamlErrorCode.MALFORMED_MESSAGE:
      case SamlErrorCode.INVALID_ID:
      case SamlErrorCode.INVALID_VERSION:
      case SamlErrorCode.INVALID_ISSUE_INSTANT:
      case SamlErrorCode.MISSING_IN_RESPONSE_TO:
        return 400;
      case SamlErrorCode.LEVEL_TOO_LOW:
      case SamlErrorCode.IDP_IDENTITY_TYPE_NOT_ACCEPTED:
      case SamlErrorCode.WRONG_DESTINATION:
      case SamlErrorCode.UNKNOWN_REQUEST:
      case SamlErrorCode.REPLAYED_RESPONSE:
      case SamlErrorCode.REQUEST_EXPIRED:
      case SamlErrorCode.RELAY_STATE_MISMATCH:
      case SamlErrorCode.UNKNOWN_IDP:
      case SamlErrorCode.WRONG_ISSUER:
      case SamlErrorCode.INVALID_STATUS:
      case SamlErrorCode.MISSING_SIGNATURE:
      case SamlErrorCode.INVALID_SIGNATURE:
      case SamlErrorCode.MISSING_ASSERTION:
      case SamlErrorCode.MULTIPLE_ASSERTIONS:
      case SamlErrorCode.SIGNATURE_WRAPPING:
      case SamlErrorCode.INVALID_SUBJECT:
      case SamlErrorCode.INVALID_SUBJECT_CONFIRMATION:
      case SamlErrorCode.WRONG_RECIPIENT:
      case SamlErrorCode.IN_RESPONSE_TO_MISMATCH:
      case SamlErrorCode.INVALID_CONDITIONS:
      case SamlErrorCode.NOT_YET_VALID:
      case SamlErrorCode.EXPIRED:
      case SamlErrorCode.WRONG_AUDIENCE:
      case SamlErrorCode.INVALID_AUTHN_CONTEXT:
      case SamlErrorCode.MISSING_ATTRIBUTES:
      case SamlErrorCode.INVALID_FISCAL_NUMBER:
      case SamlErrorCode.IDP_AUTHN_FAILED:
      case SamlErrorCode.IDP_REQUEST_REJECTED:
      case SamlErrorCode.IDP_TOO_MANY_ATTEMPTS:
      case SamlErrorCode.IDP_NO_COMPATIBLE_CREDENTIALS:
      case SamlErrorCode.IDP_TIMEOUT:
      case SamlErrorCode.IDP_CONSENT_DENIED:
      case SamlErrorCode.IDP_CREDENTIALS_SUSPENDED:
      case SamlErrorCode.IDP_USER_CANCELLED:
      case SamlErrorCode.LOGOUT_FAILED:
      case SamlErrorCode.REPLAYED_LOGOUT_REQUEST:
        return 403;
      default:
        return assertNever(this.code);
    }
  }
}

/**
 * Maps a non-success IdP status to a code. SPID IdPs put `ErrorCode nrNN` in StatusMessage
 * (AgID "Tabella messaggi di anomalia"): 19-25 and 30 concern the user, 2-18 a request the IdP refused.
 */
export function codeForIdpStatus(spidErrorCode: number | undefined): SamlErrorCode {
  switch (spidErrorCode) {
    case 19:
      return SamlErrorCode.IDP_TOO_MANY_ATTEMPTS;
    case 20:
      return SamlErrorCode.IDP_NO_COMPATIBLE_CREDENTIALS;
    case 21:
      return SamlErrorCode.IDP_TIMEOUT;
    case 22:
      return SamlErrorCode.IDP_CONSENT_DENIED;
    case 23:
      return SamlErrorCode.IDP_CREDENTIALS_SUSPENDED;
    case 25:
      return SamlErrorCode.IDP_USER_CANCELLED;
    case 30:
      return SamlErrorCode.IDP_IDENTITY_TYPE_NOT_ACCEPTED;
    default:
      if (spidErrorCode !== undefined && spidErrorCode >= 2 && spidErrorCode <= 18) {
        return SamlErrorCode.IDP_REQUEST_REJECTED;
      }
      return SamlErrorCode.IDP_AUTHN_FAILED;
  }
}

/** `ErrorCode nr25` → 25 */
export function parseSpidErrorCode(statusMessage: string | undefined): number | undefined {
  const match = statusMessage ? /ErrorCode\s*nr\s*0*(\d{1,3})/i.exec(statusMessage) : null;
  return match ? Number(match[1]) : undefined;
}

function assertNever(value: never): never {
  throw new Error(`Unhandled SAML error code: ${String(value)}`);
}
