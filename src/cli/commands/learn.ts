/**
 * `unspin learn --pairs pairs.jsonl --out spinner.json.gz`: learn a spinner's substitution
 * dictionary from spun/original pairs (`{"spun": "...", "orig": "..."}` per line), for
 * `unspin restore --model`. The model is data only: versioned JSON, gzipped when the name ends in .gz.
 *
 * `unspin learn --spun pages.jsonl --out ...`: learn from spun pages alone (`{"text": "..."}` per
 * line, no originals), by restoring them and counting confident edits, twice (hard EM).
 */
import type { Command } from 'commander';
import { UnspinError } from '../../errors.js';
import { loadLanguage } from '../../language/index.js';
import { buildRestorer, DEFAULT_PARAMS, learnFromSpun, learnModel, saveSpinModel, type SpinModel, type SpinPair } from '../../spin/index.js';
import { readJsonLines } from '../io.js';

interface LearnFlags {
  pairs?: string;
  spun?: string;
  out: string;
}

async function readSpunPages(input: string): Promise<string[]> {
  const pages: string[] = [];
  let skipped = 0;
  for await (const rec of readJsonLines(input)) {
    const v = rec.error === undefined ? (rec.value as { text?: unknown; spun?: unknown } | null) : null;
    const text = v && typeof v === 'object' ? (typeof v.text === 'string' ? v.text : typeof v.spun === 'string' ? v.spun : null) : null;
    if (text === null) {
      skipped++;
      if (skipped <= 5) process.stderr.write(`unspin: line ${rec.line}: skipped (expected {"text": "..."})\n`);
      continue;
    }
    pages.push(text);
  }
  return pages;
}

async function readPairs(input: string): Promise<{ pairs: SpinPair[]; skipped: number }> {
  const pairs: SpinPair[] = [];
  let skipped = 0;
  for await (const rec of readJsonLines(input)) {
    const v = rec.error === undefined ? (rec.value as { spun?: unknown; orig?: unknown } | null) : null;
    if (!v || typeof v !== 'object' || typeof v.spun !== 'string' || typeof v.orig !== 'string') {
      skipped++;
      if (skipped <= 5) process.stderr.write(`unspin: line ${rec.line}: skipped (expected {"spun": "...", "orig": "..."})\n`);
      continue;
    }
    pairs.push({ spun: v.spun, orig: v.orig });
  }
  return { pairs, skipped };
}

export function registerLearn(program: Command): void {
  program
    .command('learn')
    .description('learn a spinner model from spun/original pairs, for unspin restore --model')
    .option('--pairs <file>', 'JSONL of {"spun", "orig"} pairs (- for stdin, .gz accepted)')
    .option('--spun <file>', 'JSONL of {"text"} spun pages without originals (learns by restoring them)')
    .requiredOption('--out <file>', 'where to write the model (.json, or .json.gz to compress)')
    .action(async (flags: LearnFlags) => {
      if ((flags.pairs === undefined) === (flags.spun === undefined)) {
        throw new UnspinError('usage', 'give exactly one of --pairs <file> or --spun <file>');
      }
      let model: SpinModel;
      let what: string;
      if (flags.pairs !== undefined) {
        const { pairs, skipped } = await readPairs(flags.pairs);
        if (pairs.length === 0) {
          throw new UnspinError('input', `${flags.pairs}: no usable pairs (each line must be {"spun": "...", "orig": "..."})`);
        }
        model = learnModel(pairs);
        what = `${pairs.length} pairs${skipped ? ` (${skipped} lines skipped)` : ''}`;
      } else {
        const input = flags.spun ?? '-';
        const pages = await readSpunPages(input);
        if (pages.length === 0) throw new UnspinError('input', `${input}: no usable pages (each line must be {"text": "..."})`);
        const language = await loadLanguage();
        model = learnFromSpun((m) => buildRestorer(language, m, DEFAULT_PARAMS), pages);
        what = `${pages.length} spun pages (self-learned; ${model.pairs} of them looked spun and were used)`;
      }
      saveSpinModel(model, flags.out);
      process.stderr.write(`unspin: learned ${Object.keys(model.substitutions).length} substitutions from ${what}; wrote ${flags.out}\n`);
      if (flags.spun !== undefined && Object.keys(model.substitutions).length === 0) {
        // An empty model restores nothing; say why rather than leave the user to find out.
        process.stderr.write(model.pairs === 0
          ? 'unspin: warning: no page looked spun to the restorer (a lightly spun crawl reads as clean page by page), so nothing was learned; learn from pairs instead (unspin trace --export-pairs, then unspin learn --pairs)\n'
          : 'unspin: warning: no edit was confident enough to learn from; learn from pairs instead (unspin trace --export-pairs, then unspin learn --pairs)\n');
      }
    });
}
