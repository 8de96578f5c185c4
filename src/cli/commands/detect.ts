/**
 * `unspin detect`: how likely a text is to have been machine-spun, without restoring it (for
 * screening a crawl: the verdict and the flagged words, with no restored text to store).
 *
 *   unspin detect page.html                 the score, the verdict, spun-looking paragraphs, each flagged word
 *   unspin detect --json page.txt           {spinScore, likelySpun, flags, paragraphs, notAssessed?}
 *   unspin detect --jsonl pages.jsonl       one such line, with its id, per {id, text} line
 *
 * Input is text; an HTML page (file or stdin) is run through extract first. `likelySpun` uses
 * the report's threshold (spinScore >= 0.46, the 95th percentile of clean news articles).
 */
import type { Command } from 'commander';
import { UnspinError } from '../../errors.js';
import type { SpinDetection } from '../../model.js';
import { LIKELY_SPUN_SCORE, SPUN_PARAGRAPH_SCORE } from '../../report/verdict.js';
import { createRestorer, type Restorer } from '../../spin/index.js';
import { createOutput, formatJson, mapTextRecords, parseByteSize } from '../io.js';
import { readInputText } from './restore.js';

interface DetectFlags {
  json?: boolean;
  jsonl?: boolean;
  maxBytes?: number;
}

/** The detection as printed: `likelySpun` is false for text that was not assessed. */
function detectionRecord(d: SpinDetection): Record<string, unknown> {
  return {
    spinScore: d.spinScore, likelySpun: !d.notAssessed && d.spinScore >= LIKELY_SPUN_SCORE, flags: d.flags,
    ...(d.paragraphs ? { paragraphs: d.paragraphs } : {}), ...(d.notAssessed ? { notAssessed: d.notAssessed } : {}),
  };
}

function formatText(text: string, d: SpinDetection): string {
  if (d.notAssessed) return `spinning not assessed: ${d.notAssessed}\n`;
  const verdict = d.spinScore >= LIKELY_SPUN_SCORE ? 'likely machine-spun' : 'no clear sign of machine spinning';
  const paragraphs = d.paragraphs ?? [];
  const spunParagraphs = paragraphs.filter((p) => p.score >= SPUN_PARAGRAPH_SCORE).length;
  const lines = [`spin score ${d.spinScore.toFixed(2)}: ${verdict} (threshold ${LIKELY_SPUN_SCORE}); ${d.flags.length} flagged ${d.flags.length === 1 ? 'word' : 'words'}; `
    + `${spunParagraphs} of ${paragraphs.length} ${paragraphs.length === 1 ? 'paragraph' : 'paragraphs'} scored ${SPUN_PARAGRAPH_SCORE} or more`];
  for (const f of d.flags) lines.push(`  ${f.start}-${f.end}\t${f.score.toFixed(2)}\t${JSON.stringify(text.slice(f.start, f.end))}\t${f.reason}`);
  return `${lines.join('\n')}\n`;
}

async function detectOne(restorer: Restorer, input: string, flags: DetectFlags): Promise<void> {
  const text = await readInputText(input, flags.maxBytes, 'detect');
  const d = restorer.detect(text);
  const out = createOutput();
  await out.write(flags.json ? formatJson(detectionRecord(d)) : formatText(text, d));
  await out.end();
}

export function registerDetect(program: Command): void {
  program
    .command('detect')
    .description('score how likely a text is to be machine-spun, without restoring it (text or HTML; - reads stdin)')
    .argument('[input]', 'a text or HTML file, or - for stdin', '-')
    .option('--json', 'print {spinScore, likelySpun, flags, paragraphs, notAssessed?} as JSON')
    .option('--jsonl', 'read {id, text} JSON lines, write {id, spinScore, likelySpun, flags, paragraphs} lines')
    .option('--max-bytes <size>', 'refuse inputs larger than this', parseByteSize)
    .action(async (input: string, flags: DetectFlags) => {
      if (flags.json && flags.jsonl) throw new UnspinError('usage', '--json and --jsonl cannot be used together');
      if (flags.jsonl && input === '-' && process.stdin.isTTY) throw new UnspinError('usage', 'stdin is a terminal; pipe JSONL records in');
      const restorer = await createRestorer();
      if (flags.jsonl) await mapTextRecords(input, (text) => detectionRecord(restorer.detect(text)));
      else await detectOne(restorer, input, flags);
    });
}
