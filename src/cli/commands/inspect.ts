/**
 * `unspin inspect <file|url|->`: the whole pipeline on one page, as a readable report (verdict
 * first), as JSON (--json, schema/report.v1.json) and/or as one self-contained HTML file (--html).
 */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { analyse, chooseIndex } from '../../analyse.js';
import { UnspinError } from '../../errors.js';
import { readOne } from '../../ingest/index.js';
import { renderJson } from '../../report/json.js';
import { renderReportDocument } from '../../report/html.js';
import { renderTerminal, wantColour } from '../../report/terminal.js';

interface InspectFlags {
  json?: boolean;
  html?: string;
  db?: string;
  index: boolean;
  quotes: boolean;
  allowPrivate?: boolean;
  timeout?: string;
}

function parseTimeout(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UnspinError('usage', `--timeout expects a positive number of milliseconds, got "${value}"`);
  return n;
}

export function registerInspect(program: Command): void {
  program
    .command('inspect')
    .description('analyse one page: is it spun, what did it say originally, where is it from, who said what')
    .argument('<input>', 'an HTML or text file (.html.gz too), an http(s) URL, or - for stdin')
    .option('--json', 'print the report as JSON (schema: schema/report.v1.json)')
    .option('--html <file>', 'also write a self-contained HTML report to <file>')
    .option('--db <path>', 'index to trace the source in (default: UNSPIN_DB or ./unspin.db when present)')
    .option('--no-index', 'do not look for the source in an index')
    .option('--no-quotes', 'do not look for quotes')
    .option('--allow-private', 'allow URLs on private, loopback or link-local addresses')
    .option('--timeout <ms>', 'give up fetching a URL after this many milliseconds')
    .action(async (input: string, flags: InspectFlags) => {
      const timeoutMs = parseTimeout(flags.timeout);
      const page = await readOne(input, { allowPrivate: flags.allowPrivate === true, timeoutMs });
      const index = flags.index
        ? await chooseIndex(flags.db)
        : { store: null, reason: 'tracing turned off (--no-index)', close: async () => {} };
      try {
        const report = await analyse(page, { store: index.store, noStoreReason: index.reason, quotes: flags.quotes });
        if (flags.html) {
          await writeFile(flags.html, renderReportDocument(report)).catch((e: NodeJS.ErrnoException) => {
            throw new UnspinError('input', `cannot write ${flags.html}: ${e.code ?? e.message}`);
          });
          process.stderr.write(`unspin: wrote HTML report to ${flags.html}\n`);
        }
        process.stdout.write(flags.json ? renderJson(report) : renderTerminal(report, { colour: wantColour(process.stdout) }));
      } finally {
        await index.close();
      }
    });
}
