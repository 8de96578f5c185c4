/**
 * Progress for long batch runs, on stderr, and only when a person is watching: stderr must be
 * a terminal and stdout must not be the same terminal (a redrawn bar between lines of output
 * garbles both). In pipes, CI logs and tests it is a no-op, so output stays byte-for-byte
 * clean. `NO_PROGRESS=1` turns it off.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  /** One item done; `failed` counts it as a failure. */
  tick(failed?: boolean): void;
  stop(): void;
}

const silent: Progress = { tick: () => undefined, stop: () => undefined };

export function progressWanted(): boolean {
  return Boolean(process.stderr.isTTY) && !process.stdout.isTTY && !process.env.NO_PROGRESS && !process.env.CI;
}

/**
 * A progress line "<label> 120 done, 3 failed" (or a bar when `total` is known).
 */
export function startProgress(label: string, options: { total?: number } = {}): Progress {
  if (!progressWanted()) return silent;
  const known = options.total !== undefined && options.total > 0;
  const bar = new cliProgress.SingleBar({
    stream: process.stderr,
    format: known
      ? `${label} [{bar}] {value}/{total} | {failed} failed | {duration_formatted}`
      : `${label} {value} done | {failed} failed | {duration_formatted}`,
    hideCursor: true,
    clearOnComplete: true,
    fps: 5,
  }, cliProgress.Presets.shades_classic);
  bar.start(known ? options.total ?? 0 : 0, 0, { failed: 0 });
  let failed = 0;
  let done = 0;
  return {
    tick(isFailure = false) {
      done++;
      if (isFailure) failed++;
      // With an unknown total, keep the total ahead of the value so the bar never reads "complete".
      if (!known) bar.setTotal(done + 1);
      bar.update(done, { failed });
    },
    stop() { bar.stop(); },
  };
}
