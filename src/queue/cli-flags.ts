/**
 * Flags shared by `unspin ingest` and `unspin worker`: the database, and the job timings that
 * decide how fast a lost job is retried.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { DEFAULT_TIMINGS, type QueueTimings } from './jobs.js';

export const QUEUE_DB_HELP = 'PostgreSQL database holding the index and the job queue (postgres://...; default $UNSPIN_DB)';

export function wholeNumber(min: number, max: number): (v: string) => number {
  return (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`);
    return n;
  };
}

export interface TimingFlags { jobTimeout?: number; retries?: number; retryDelay?: number }

export function addTimingOptions(cmd: Command): Command {
  return cmd
    .option('--job-timeout <seconds>', `a job running longer is presumed lost and retried (default ${DEFAULT_TIMINGS.expireInSeconds})`, wholeNumber(1, 86_400))
    .option('--retries <n>', `retries after a failed attempt (default ${DEFAULT_TIMINGS.retryLimit})`, wholeNumber(0, 100))
    .option('--retry-delay <seconds>', `first retry delay, doubling each time (default ${DEFAULT_TIMINGS.retryDelaySeconds})`, wholeNumber(0, 86_400));
}

export function timingsFrom(flags: TimingFlags): QueueTimings {
  return {
    expireInSeconds: flags.jobTimeout ?? DEFAULT_TIMINGS.expireInSeconds,
    retryLimit: flags.retries ?? DEFAULT_TIMINGS.retryLimit,
    retryDelaySeconds: flags.retryDelay ?? DEFAULT_TIMINGS.retryDelaySeconds,
  };
}
