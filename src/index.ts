/**
 * unspin as a library. Each stage has a small typed entry point; `analyse` composes them into
 * one versioned report, which the renderers turn into terminal text, JSON or HTML.
 *
 *   import { readOne, analyse, renderTerminal } from 'unspin';
 *   const report = await analyse(await readOne('page.html'));
 *   process.stdout.write(renderTerminal(report));
 *
 * Every finding is a span (UTF-16 offsets, end exclusive) over `report.article.text`.
 */

// Shared shapes and errors.
export type * from './model.js';
export { ExitCode, UnspinError, isUnspinError, type ExitCodeName } from './errors.js';
export { VERSION } from './version.js';

// Ingest: files, .html.gz, stdin, URLs (behind the address policy), directories, JSONL.
export { readInputs, readOne, fetchPage, type IngestItem, type IngestOptions } from './ingest/index.js';

// Extract: the article of a page.
export { extract } from './extract/index.js';

// Language resources (LM, reverse thesaurus, morphology), built by `npm run prepare`.
export { loadLanguage, type Language } from './language/index.js';

// Spin: detect and restore.
export { createRestorer, learnModel, loadSpinModel, saveSpinModel, type Restorer, type RestorerOptions, type SpinModel } from './spin/index.js';

// Quotes: who said what.
export { findQuotes } from './quotes/index.js';

// Index and trace: where a page was copied from.
export { openStore, resolveStoreSpec, type ArticleStore, type OpenStoreOptions } from './index/index.js';
export { trace, traceDetailed, type TraceMatch, type TraceOptions, type TraceResult } from './trace/index.js';

// The composition and its report.
export { analyse, loadPipeline, chooseIndex, type AnalyseOptions, type Pipeline } from './analyse.js';
export {
  REPORT_SCHEMA_VERSION, reportJsonSchema, renderTerminal, renderJson, renderReportDocument, renderReportFragment,
  escapeHtml, summarise, wantColour,
  type Report, type StageName, type StageOutcome, type StageStatus, type Summary, type Provenance, type HtmlOptions, type TerminalOptions,
} from './report/index.js';

// The HTTP server.
export { startServer, createApp, openApiDocument, type AppConfig, type RunningServer, type ServerOptions } from './server/index.js';
