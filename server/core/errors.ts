// Errors are data: one AppError type and one table that says how each
// condition renders on each front (XMPP stanza error type, HTTP status).
// RFC 6120 §8.3.3 defined conditions: https://www.rfc-editor.org/rfc/rfc6120#section-8.3.3

export type ErrorCondition =
  | 'bad-request'
  | 'conflict'
  | 'feature-not-implemented'
  | 'forbidden'
  | 'gone'
  | 'internal-server-error'
  | 'item-not-found'
  | 'jid-malformed'
  | 'not-acceptable'
  | 'not-allowed'
  | 'not-authorized'
  | 'policy-violation'
  | 'recipient-unavailable'
  | 'registration-required'
  | 'remote-server-not-found'
  | 'resource-constraint'
  | 'service-unavailable'
  | 'subscription-required'
  | 'undefined-condition'
  | 'unexpected-request';

export type XmppErrorType = 'auth' | 'cancel' | 'continue' | 'modify' | 'wait';

interface ConditionInfo {
  type: XmppErrorType;
  status: number;
}

export const CONDITIONS: Record<ErrorCondition, ConditionInfo> = {
  'bad-request': { type: 'modify', status: 400 },
  'jid-malformed': { type: 'modify', status: 400 },
  'not-authorized': { type: 'auth', status: 401 },
  'registration-required': { type: 'auth', status: 401 },
  'forbidden': { type: 'auth', status: 403 },
  'subscription-required': { type: 'auth', status: 403 },
  'item-not-found': { type: 'cancel', status: 404 },
  'remote-server-not-found': { type: 'cancel', status: 404 },
  'recipient-unavailable': { type: 'wait', status: 404 },
  'not-allowed': { type: 'cancel', status: 405 },
  'conflict': { type: 'cancel', status: 409 },
  'gone': { type: 'cancel', status: 410 },
  'not-acceptable': { type: 'modify', status: 422 },
  'policy-violation': { type: 'modify', status: 422 },
  'unexpected-request': { type: 'wait', status: 422 },
  'resource-constraint': { type: 'wait', status: 429 },
  'internal-server-error': { type: 'cancel', status: 500 },
  'undefined-condition': { type: 'cancel', status: 500 },
  'feature-not-implemented': { type: 'cancel', status: 501 },
  'service-unavailable': { type: 'cancel', status: 503 },
};

export interface AppErrorOptions {
  /** Project-specific condition, e.g. `invite-expired`, `teamchat-requires-groupware`. */
  appCondition?: string;
  cause?: unknown;
  /** Extra machine-readable fields (e.g. the limit that was exceeded). */
  details?: Record<string, string | number | boolean>;
}

/** An expected failure: carries a defined condition and a text safe to show users. */
export class AppError extends Error {
  readonly condition: ErrorCondition;
  readonly text: string | undefined;
  readonly appCondition: string | undefined;
  readonly details: Record<string, string | number | boolean> | undefined;

  constructor(condition: ErrorCondition, text?: string, options: AppErrorOptions = {}) {
    super(text ?? condition, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.condition = condition;
    this.text = text;
    this.appCondition = options.appCondition;
    this.details = options.details;
  }

  get type(): XmppErrorType {
    return CONDITIONS[this.condition].type;
  }

  get status(): number {
    return CONDITIONS[this.condition].status;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
