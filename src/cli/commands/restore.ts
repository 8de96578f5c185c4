/**
 * `unspin restore`: the original wording of spun text.
 *
 *   unspin restore page.txt                 restored text
 *   unspin extract page.html | unspin restore -
 *   unspin restore --json page.txt          {text, spinScore, edits}
 *   unspin restore --jsonl pages.jsonl      one {id, text, spinScore, edits} line per {id, text} line
 *   unspin restore --model spinner.json.gz  with a learned spinner dictionary (unspin learn)
 *   unspin restore --min-confidence 0.8 -   only the surer edits (fewer wrong changes, less restored)
 *   unspin restore --phrases flagged.txt    one phrase per line (e.g. tortured phrases), each restored
 *                                           alone: "phrase<TAB>restored" lines; --json: JSON lines
 *
 * Input is text; an HTML page (file or stdin) is run through extract first.
 */
import type { Command } from 'commander';
import { UnspinError } from '../../errors.js';
import { extract } from '../../extract/index.js';
import { readOne } from '../../ingest/index.js';
import type { RawPage } from '../../model.js';
import { createRestorer, loadSpinModel, type Restorer } from '../../spin/index.js';
import { createOutput, formatJson, mapTextRecords, parseByteSize, parseProbability } from '../io.js';

interface RestoreFlags {
  json?: boolean;
  jsonl?: boolean;
  model?: string;
  maxBytes?: number;
  minConfidence?: number;
  phrases?: boolean;
}

/** Plain text of a page: its text, or the extracted article when it is HTML. */
export function pageText(page: RawPage): string {
  if (page.text !== undefined) return page.text;
  const html = page.html ?? '';
  // Text piped from `unspin extract` arrives without a declared type: only parse what looks like markup.
  if (!/<(?:!doctype|html|head|body|p|div|article)\b/i.test(html.slice(0, 4096))) return html;
  return extract(page).text;
}

/** The text of one input (a file or `-`) for a text command such as restore or detect. */
export async function readInputText(input: string, maxBytes: number | undefined, command: string): Promise<string> {
  if (input === '-' && process.stdin.isTTY) {
    throw new UnspinError('usage', `stdin is a terminal; pipe text in (e.g. unspin extract page.html | unspin ${command} -)`);
  }
  return pageText(await readOne(input, { maxBytes }));
}

async function restoreOne(restorer: Restorer, input: string, flags: RestoreFlags): Promise<void> {
  const text = await readInputText(input, flags.maxBytes, 'restore');
  const result = restorer.restore(text, { minConfidence: flags.minConfidence });
  const out = createOutput();
  if (flags.json) await out.write(formatJson({ text: result.text, spinScore: result.spinScore, edits: result.edits }));
  else await out.write(result.text.endsWith('\n') ? result.text : `${result.text}\n`);
  await out.end();
}

async function restoreJsonl(restorer: Restorer, input: string, flags: RestoreFlags): Promise<void> {
  await mapTextRecords(input, (text) => {
    const r = restorer.restore(text, { minConfidence: flags.minConfidence });
    return { text: r.text, spinScore: r.spinScore, edits: r.edits };
  });
}

/** Candidates printed per phrase with --json. */
const PHRASE_CANDIDATES = 5;

async function restorePhrases(restorer: Restorer, input: string, flags: RestoreFlags): Promise<void> {
  if (input === '-' && process.stdin.isTTY) throw new UnspinError('usage', 'stdin is a terminal; pipe phrases in, one per line');
  const page = await readOne(input, { maxBytes: flags.maxBytes });
  const phrases = (page.text ?? page.html ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  if (phrases.length === 0) throw new UnspinError('input', `${input === '-' ? 'stdin' : input}: no phrases (one per line)`);
  const out = createOutput();
  for (const phrase of phrases) {
    const r = restorer.restorePhrase(phrase, { limit: PHRASE_CANDIDATES });
    if (flags.json) await out.writeJsonLine({ phrase, text: r.text, candidates: r.candidates });
    else await out.write(`${phrase}\t${r.text}\n`);
  }
  await out.end();
}

export function registerRestore(program: Command): void {
  program
    .command('restore')
    .description('restore the original wording of spun text (text or HTML; - reads stdin)')
    .argument('[input]', 'a text or HTML file, or - for stdin', '-')
    .option('--json', 'print {text, spinScore, edits} as JSON')
    .option('--jsonl', 'read {id, text} JSON lines, write {id, text, spinScore, edits} lines')
    .option('--model <file>', 'a learned spinner model (from unspin learn)')
    .option('--max-bytes <size>', 'refuse inputs larger than this', parseByteSize)
    .option('--phrases', 'restore each line alone as a flagged phrase (e.g. tortured phrases): phrase<TAB>restored; with --json, {phrase, text, candidates} lines')
    .option('--min-confidence <p>', 'keep only edits at least this confident (0-1; e.g. 0.8 for far fewer wrong changes, default 0)', parseProbability)
    .action(async (input: string, flags: RestoreFlags) => {
      if (flags.json && flags.jsonl) throw new UnspinError('usage', '--json and --jsonl cannot be used together');
      if (flags.phrases && (flags.jsonl || flags.minConfidence !== undefined)) {
        throw new UnspinError('usage', '--phrases reads plain lines: it cannot be used with --jsonl or --min-confidence');
      }
      const model = flags.model ? loadSpinModel(flags.model) : null;
      const restorer = await createRestorer({ model });
      if (flags.phrases) await restorePhrases(restorer, input, flags);
      else if (flags.jsonl) await restoreJsonl(restorer, input, flags);
      else await restoreOne(restorer, input, flags);
    });
}
