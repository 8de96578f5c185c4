/** One clear sentence and exit code for whatever the network threw. */
import { UnspinError } from '../errors.js';
import { AddressRefused, refusal } from './fetch-guard.js';

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

/** Turn whatever the network threw into one clear sentence and an exit code. */
export function explainNetworkError(e: unknown, url: URL, timeoutMs: number, deadline: AbortSignal, phase: 'response' | 'body'): UnspinError {
  if (e instanceof UnspinError) return e;
  const refused = findCause(e, (c): c is AddressRefused => c instanceof AddressRefused);
  if (refused) return refusal(refused.host, refused.what, refused.address);
  const where = url.host;
  if (deadline.aborted) {
    const what = phase === 'response' ? 'no response' : 'the page did not finish arriving';
    return new UnspinError('fetch', `gave up on ${url.href}: ${what} within ${seconds(timeoutMs)} (raise it with --timeout)`, { cause: e });
  }
  const code = findCause(e, (c): c is NodeJS.ErrnoException => typeof (c as NodeJS.ErrnoException | null)?.code === 'string')?.code;
  const messages: Record<string, string> = {
    UND_ERR_CONNECT_TIMEOUT: `timed out connecting to ${where}`,
    UND_ERR_HEADERS_TIMEOUT: `${where} accepted the connection but sent no response within ${seconds(timeoutMs)}`,
    UND_ERR_BODY_TIMEOUT: `${where} stopped sending the page (stalled for ${seconds(timeoutMs)})`,
    UND_ERR_SOCKET: `${where} closed the connection`,
    ECONNREFUSED: `connection refused by ${where}`,
    ECONNRESET: `${where} reset the connection`,
    ENOTFOUND: `cannot resolve host ${url.hostname}`,
    EAI_AGAIN: `cannot resolve host ${url.hostname} (DNS temporarily unavailable)`,
    EHOSTUNREACH: `host ${where} is unreachable`,
    ENETUNREACH: `network unreachable for ${where}`,
    ETIMEDOUT: `timed out connecting to ${where}`,
    UND_ERR_RES_CONTENT_LENGTH_MISMATCH: `${where} sent a body that does not match its Content-Length`,
  };
  if (code && messages[code]) return new UnspinError('fetch', `cannot fetch ${url.href}: ${messages[code]}`, { cause: e });
  if (code && /^(ERR_TLS|CERT_|UNABLE_TO|DEPTH_ZERO|SELF_SIGNED|ERR_SSL)/.test(code)) {
    return new UnspinError('fetch', `cannot fetch ${url.href}: TLS error (${code})`, { cause: e });
  }
  const detail = e instanceof Error ? e.message : String(e);
  return new UnspinError('fetch', `cannot fetch ${url.href}: ${detail}${code ? ` (${code})` : ''}`, { cause: e });
}

function findCause<T>(e: unknown, match: (c: unknown) => c is T): T | undefined {
  let cur: unknown = e;
  for (let depth = 0; cur && depth < 5; depth++) {
    if (match(cur)) return cur;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}
