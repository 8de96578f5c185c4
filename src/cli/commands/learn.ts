/**
 * `unspin learn --pairs pairs.jsonl --out spinner.json.gz`: learn a spinner's substitution
 * dictionary from spun/original pairs (`{"spun": "...", "orig": "..."}` per line), for
 * `unspin restore --model`. The model is data only: versioned JSON, gzipped when the name ends in .gz.
 */
import type { Command } from 'commander';
import { UnspinError } from '../../errors.js';
import { learnModel, saveSpinModel, type SpinPair } from '../../spin/index.js';
import { readJsonLines } from '../io.js';

interface LearnFlags {
  pairs: string;
  out: string;
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
    .requiredOption('--pairs <file>', 'JSONL of {"spun", "orig"} pairs (- for stdin, .gz accepted)')
    .requiredOption('--out <file>', 'where to write the model (.json, or .json.gz to compress)')
    .action(async (flags: LearnFlags) => {
      const { pairs, skipped } = await readPairs(flags.pairs);
      if (pairs.length === 0) {
        throw new UnspinError('input', `${flags.pairs}: no usable pairs (each line must be {"spun": "...", "orig": "..."})`);
      }
      const model = learnModel(pairs);
      saveSpinModel(model, flags.out);
      process.stderr.write(`unspin: learned ${Object.keys(model.substitutions).length} substitutions from ${pairs.length} pairs`
        + `${skipped ? ` (${skipped} lines skipped)` : ''}; wrote ${flags.out}\n`);
    });
}
