/**
 * An analysis worker thread (started by pool.ts): loads the pipeline once (its language tables
 * are views over the files the pool read into shared memory), opens its own read-only
 * connection to the index when there is one, says it is ready, then takes one task at a time: an
 * analysis, or extracting the article that POST /v1/index then writes. It never writes to the
 * index itself: that stays on the main thread's store.
 * Cancelling a job is the pool's business: it terminates this thread and starts a fresh one.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadPipeline } from '../analyse.js';
import { extract } from '../extract/index.js';
import type { ArticleStore } from '../index/index.js';
import { loadLanguage } from '../language/index.js';
import { runAnalysisJob } from './job.js';
import { toWire, type FromWorker, type ToWorker, type WorkerSetup } from './worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('analysis-worker runs as a worker thread (see src/server/pool.ts)');
const send = (message: FromWorker): void => port.postMessage(message);
const setup = workerData as WorkerSetup;

async function openIndex(spec: string | null): Promise<ArticleStore | null> {
  if (spec === null) return null;
  // Imported only when there is an index: it loads the native SQLite binding.
  const { openStore } = await import('../index/index.js');
  return openStore(spec, { readonly: true });
}

try {
  // Loaded first over the shared bytes, the language is what the pipeline's stages then find in
  // loadLanguage's cache. Should that fail, they try the folder and report why as they always have.
  const language = loadLanguage(setup.language).catch(() => null);
  const [pipeline, store] = await Promise.all([language.then(() => loadPipeline()), openIndex(setup.storeSpec)]);
  port.on('message', (message: ToWorker) => {
    const { id, page, task } = message;
    if (task.kind === 'extract') {
      try {
        send({ type: 'article', id, article: extract(page) });
      } catch (e) {
        send({ type: 'error', id, error: toWire(e) });
      }
      return;
    }
    runAnalysisJob(page, task.job, { pipeline, store }).then(
      (report) => send({ type: 'result', id, report }),
      (e: unknown) => send({ type: 'error', id, error: toWire(e) }),
    );
  });
  send({ type: 'ready' });
} catch (e) {
  send({ type: 'failed', error: toWire(e) });
}
