/**
 * API errors: one JSON shape `{error: {code, message}}` with a fitting HTTP status, for every
 * failure (UnspinErrors from the stages included).
 */
import { isUnspinError, type ExitCodeName } from '../errors.js';
import { SaturatedError } from './limits.js';

export type ApiErrorCode =
  | 'not_found' | 'method_not_allowed' | 'unsupported_media_type' | 'empty_body' | 'invalid_json'
  | 'invalid_request' | 'payload_too_large' | 'blocked_address' | 'fetch_failed' | 'unusable_input'
  | 'no_index' | 'database_error' | 'resources_unavailable' | 'timeout' | 'busy' | 'internal'
  | 'unauthorized' | 'index_writes_disabled'
  /** Logged only (status 499, as nginx does): the client went away before the answer. */
  | 'client_closed';

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: ApiErrorCode, message: string, readonly retryAfterSeconds?: number) {
    super(message);
    this.name = 'ApiError';
  }
}

const fromKind: Record<ExitCodeName, [number, ApiErrorCode]> = {
  ok: [500, 'internal'],
  internal: [500, 'internal'],
  usage: [400, 'invalid_request'],
  input: [422, 'unusable_input'],
  fetch: [502, 'fetch_failed'],
  blocked: [403, 'blocked_address'],
  tooLarge: [413, 'payload_too_large'],
  database: [500, 'database_error'],
  // The language resources are missing or damaged on the server: an operator has to rebuild them.
  resources: [503, 'resources_unavailable'],
  interrupted: [503, 'busy'],
};

/** Any thrown value as an ApiError; unexpected ones keep their details out of the response. */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  if (e instanceof SaturatedError) return new ApiError(503, 'busy', e.message, 2);
  if (isUnspinError(e)) {
    const [status, code] = fromKind[e.kind];
    return new ApiError(status, code, status === 500 && code === 'internal' ? 'internal error' : e.message);
  }
  return new ApiError(500, 'internal', 'internal error');
}

export function errorBody(e: ApiError): { error: { code: ApiErrorCode; status: number; message: string } } {
  return { error: { code: e.code, status: e.status, message: e.message } };
}
