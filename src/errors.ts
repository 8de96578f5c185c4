/**
 * Errors a user can act on. Each carries a documented exit code (see README "Exit codes");
 * the CLI prints `unspin: <message>` and exits with it, never a stack trace.
 */
export const ExitCode = {
  ok: 0,
  /** A bug: something unexpected. The message asks for a report. */
  internal: 1,
  /** Bad command line: unknown option, missing argument. */
  usage: 2,
  /** Input unreadable or unusable: missing file, empty, binary, undecodable, no article found. */
  input: 3,
  /** Fetching a URL failed: DNS, connection, HTTP status, timeout, redirect loop, wrong type. */
  fetch: 4,
  /** A URL was refused by the address policy (private, loopback, link-local, metadata). */
  blocked: 5,
  /** Input over a size limit (body cap, file cap). */
  tooLarge: 6,
  /** The index database could not be opened, migrated or written. */
  database: 7,
  /** Language resources missing, stale or damaged: `npm run build:language` rebuilds them. */
  resources: 8,
  /** Interrupted by SIGINT. */
  interrupted: 130,
} as const;

export type ExitCodeName = keyof typeof ExitCode;

export class UnspinError extends Error {
  readonly exitCode: number;
  readonly kind: ExitCodeName;
  constructor(kind: ExitCodeName, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UnspinError';
    this.kind = kind;
    this.exitCode = ExitCode[kind];
  }
}

export function isUnspinError(e: unknown): e is UnspinError {
  return e instanceof UnspinError;
}
