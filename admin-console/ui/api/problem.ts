// RFC 9457 problem+json responses turned into one error type the pages show:
// the `detail` sentence, and the field it is about when the API names one.
// Pure (no DOM) so it is unit-tested in node.

export interface FieldError {
  field: string;
  detail: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** The sentence a person can act on (the problem's `detail`). */
    readonly detail: string,
    /** The problem `type` URN, e.g. `urn:causerie:error:teamchat-requires-groupware-webdav`. */
    readonly type: string,
    /** The field the whole problem is about, if the API says so. */
    readonly field: string | undefined,
    /** Per-field errors of a validation problem. */
    readonly fieldErrors: readonly FieldError[],
    /** Everything else the problem carried (extension members). */
    readonly extra: Readonly<Record<string, unknown>>,
  ) {
    super(detail);
    this.name = 'ApiError';
  }

  /** The last segment of the type URN, e.g. `teamchat-requires-groupware-webdav`. */
  get condition(): string {
    return this.type.split(':').pop() ?? this.type;
  }

  /** The message for one field: its own error, or the whole problem when it names that field. */
  forField(field: string): string | undefined {
    const own = this.fieldErrors.find((error) => error.field === field);
    if (own) return own.detail;
    return this.field === field ? this.detail : undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** Field errors in the shapes APIs commonly use: `errors: [{field|name|pointer, detail|message}]` or `errors: {field: message}`. */
function fieldErrorsOf(body: Record<string, unknown>): FieldError[] {
  const errors = body['errors'] ?? body['invalidParams'] ?? body['invalid-params'];
  if (Array.isArray(errors)) {
    return errors.flatMap((entry) => {
      if (!isRecord(entry)) return [];
      const pointer = text(entry['pointer']);
      const field = text(entry['field']) ?? text(entry['name']) ?? (pointer ? pointer.split('/').pop() : undefined);
      const detail = text(entry['detail']) ?? text(entry['message']) ?? text(entry['reason']);
      return field && detail ? [{ field, detail }] : [];
    });
  }
  if (isRecord(errors)) {
    return Object.entries(errors).flatMap(([field, detail]) => (text(detail) ? [{ field, detail: detail as string }] : []));
  }
  return [];
}

const KNOWN = new Set(['type', 'title', 'status', 'detail', 'instance', 'field', 'errors', 'invalidParams', 'invalid-params']);

/**
 * Builds the ApiError for a failed response from its status, content type and
 * body text. Anything that is not problem+json (a proxy's HTML page, an empty
 * body) still yields a sentence, from the status.
 */
export function parseProblem(status: number, contentType: string | null, bodyText: string, fallback: (status: number) => string = fallbackDetail): ApiError {
  let body: unknown;
  if (contentType && /json/i.test(contentType) && bodyText.trim() !== '') {
    try {
      body = JSON.parse(bodyText);
    } catch {
      body = undefined;
    }
  }
  if (!isRecord(body)) {
    return new ApiError(status, fallback(status), `urn:causerie:http:${status}`, undefined, [], {});
  }
  const fieldErrors = fieldErrorsOf(body);
  const detail = text(body['detail']) ?? text(body['title']) ?? fieldErrors[0]?.detail ?? fallback(status);
  const type = text(body['type']) ?? `urn:causerie:http:${status}`;
  const field = text(body['field']);
  const extra = Object.fromEntries(Object.entries(body).filter(([key]) => !KNOWN.has(key)));
  return new ApiError(typeof body['status'] === 'number' ? body['status'] : status, detail, type, field, fieldErrors, extra);
}

/** A sentence for responses that carry none (the UI passes its translated one); status 0 means the network failed. */
export function fallbackDetail(status: number): string {
  if (status === 0) return 'The admin console cannot be reached: check the network and try again.';
  if (status === 401) return 'Your session has ended: log in again.';
  if (status === 403) return 'You are not allowed to do this.';
  if (status === 404) return 'This item does not exist (any more).';
  if (status === 409) return 'This conflicts with the current state: reload and try again.';
  if (status === 429) return 'Too many attempts: wait a moment and try again.';
  if (status >= 500) return `The server failed (HTTP ${status}): try again later.`;
  return `The request was refused (HTTP ${status}).`;
}
