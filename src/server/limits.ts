/**
 * A concurrency gate with a bounded queue, in front of the analysis workers. Analysis is CPU
 * work (one worker thread each, or the event loop without workers), so running more at once than
 * there are cores only adds memory; excess requests wait in a queue of fixed length and fixed
 * wait, and beyond that are refused at once (503 + Retry-After) instead of piling up.
 */
export class SaturatedError extends Error {
  constructor(readonly why: 'queue-full' | 'queue-wait') {
    super(why === 'queue-full' ? 'the server is busy: its queue is full' : 'the server is busy: waited too long for a free slot');
    this.name = 'SaturatedError';
  }
}

export interface LimiterOptions {
  /** Analyses running at once. */
  concurrency: number;
  /** Requests allowed to wait for a slot. */
  maxQueue: number;
  /** Longest a request waits for a slot before it is refused. */
  maxWaitMs: number;
}

export interface Limiter {
  /** Runs `work` when a slot is free; a request aborted while waiting leaves the queue unrun. */
  run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  stats(): { active: number; queued: number };
}

export function createLimiter(options: LimiterOptions): Limiter {
  let active = 0;
  const waiting: Array<{ grant: () => void }> = [];

  function release(): void {
    const next = waiting.shift();
    if (next) next.grant(); // the slot passes straight to the next waiter
    else active--;
  }

  async function acquire(signal?: AbortSignal): Promise<void> {
    if (active < options.concurrency) {
      active++;
      return;
    }
    if (waiting.length >= options.maxQueue) throw new SaturatedError('queue-full');
    await new Promise<void>((resolve, reject) => {
      const leave = (reason: unknown): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        const i = waiting.indexOf(entry);
        if (i >= 0) waiting.splice(i, 1);
        reject(reason instanceof Error ? reason : new Error(String(reason)));
      };
      const onAbort = (): void => leave(signal?.reason);
      const entry = {
        grant: () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const timer = setTimeout(() => leave(new SaturatedError('queue-wait')), options.maxWaitMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      waiting.push(entry);
    });
  }

  return {
    async run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('aborted');
      await acquire(signal);
      try {
        return await work();
      } finally {
        release();
      }
    },
    stats: () => ({ active, queued: waiting.length }),
  };
}
