/**
 * Quote attribution benchmark on two hand-annotated gold sets (conventions in bench/quotes-gold.ts):
 * - development (bench/data/quotes-gold.jsonl): 40 clean items — 24 written for this project,
 *   16 hand-picked Reuters-21578 passages — and 20 of them spun by the simulator;
 * - held-out 1 (bench/data/quotes-gold-heldout.jsonl): 22 randomly sampled Reuters passages and
 *   11 of them spun, annotated before the rules first ran on them (then used for one round of fixes);
 * - held-out 2 (bench/data/quotes-gold-heldout2.jsonl): 16 random Reuters passages with quotation
 *   marks and 8 of them spun, annotated before the rules ran on them.
 * Both were then used for one round of general fixes; their first-run figures are printed with them.
 * - held-out 3 and 4 (bench/data/quotes-gold-heldout3.jsonl, -heldout4.jsonl): 18 + 20 random
 *   Reuters passages and 9 + 10 of them spun, annotated with the rules frozen; untouched in
 *   round 1, then used for the round 2 fixes (issue 6).
 * - held-out 5 and 6 (bench/data/quotes-gold-heldout5.jsonl, -heldout6.jsonl): 19 + 19 random
 *   Reuters passages (seeds 2030, 2031; two consecutive paragraphs with a reporting word, from
 *   documents in no other set) and 10 + 10 of them spun, annotated by reading and committed
 *   before any round 2 change; not used for fixes in round 2 (their errors were never listed).
 * - held-out 7 (bench/data/quotes-gold-heldout7.jsonl): 16 more (seed 2032) and 8 spun,
 *   annotated after the first evaluation on 5 + 6, before any later change; not used for fixes in round 2.
 * The combined figure of 5 + 6 + 7 was the honest one after round 2; in round 3 they were used for fixes.
 * - held-out 8 (bench/data/quotes-gold-heldout8.jsonl): 20 random Reuters passages (seed 2033, documents
 *   in no other set) and 10 spun; held-out 9 (bench/data/quotes-gold-heldout9.jsonl): 21 paragraphs of
 *   modern-style news written for this project (curly and straight marks, split and multi-paragraph
 *   quotes, "according to", "told reporters", spokespeople, pronouns, organisations) and 11 spun. Both
 *   annotated by reading and committed before any round 3 change; the quote finder never ran on them
 *   until the one final round 3 run (`--final`), whose figures are the honest ones for round 3.
 * - held-out 10 (bench/data/quotes-gold-heldout10.jsonl): 20 random Reuters passages (seed 2034) and 12
 *   modern-style paragraphs written for this project, 16 of the 32 spun; annotated after the --final run
 *   on 8 + 9 and before any later change, for judging those later changes (`--final10`). Its first run
 *   (FIRST_RUNS below) is the honest figure for the final round 3 code.
 *
 * Matching a found quote to a gold one, one-to-one, greedily by overlap:
 * - lenient: the overlap covers at least 50% of the gold span;
 * - exact: the spans are equal once quotation marks, spaces and edge punctuation are trimmed.
 * Precision = matched found / found, recall = matched gold / gold.
 * Speaker accuracy = share of matched pairs whose speaker is one of the gold names (case,
 * a leading "the"/"a" and possessive marks ignored). Kind accuracy likewise.
 *
 * Spin sweep (--sweep N): the tuned sets' clean items spun again with N fresh seeds (all
 * personalities), each gold annotation carried through the spinner's changes; speaker accuracy
 * on those. A robustness check for development: it never touches the untouched sets.
 *
 * Run: npm run bench:quotes   (add --verbose to list misses and wrong speakers; --final adds sets 8 + 9)
 */
import { performance } from 'node:perf_hooks';
import type { Quote } from '../src/model.js';
import { findQuotes } from '../src/quotes/index.js';
import { GOLD_PATH, HELDOUT2_PATH, HELDOUT3_PATH, HELDOUT4_PATH, HELDOUT5_PATH, HELDOUT6_PATH, HELDOUT7_PATH, HELDOUT10_PATH, HELDOUT8_PATH, HELDOUT9_PATH, HELDOUT_PATH, loadGold, locate, mapOffset } from './quotes-gold.js';
import type { GoldItem } from './quotes-gold.js';

const verbose = process.argv.includes('--verbose');
let verboseNow = verbose;

const FIRST_RUNS = [
  '  set 1: speaker clean 0.676, spun 0.533; P/R clean 0.860/0.771, spun 0.750/0.750',
  '  set 2: speaker clean 0.818, spun 0.625; P/R clean 1.000/1.000, spun 0.941/0.941',
  '  sets 3+4 (before round 2): speaker clean 0.829, spun 0.912, all 0.856; recall all 0.963',
  '  sets 5+6 (before round 2): speaker clean 0.839, spun 0.750, all 0.811; recall clean 0.912, spun 0.778, all 0.865',
  '  sets 5+6 (first evaluation after the round 2 fixes, commit "quoted terms ... look-backs bounded"): speaker clean 0.894,',
  '    spun 0.742, all 0.845; recall clean 0.971, spun 0.861, all 0.933. Later changes were judged on sets dev-4 only; set 7',
  '    was annotated at this point, so set 7 is the one that never saw any round 2 decision.',
  '  set 7: speaker 0.730 with the rules before round 2, 0.769 at the first round 2 evaluation, then the figure above',
  '    (measured by running this bench against those commits\' src/quotes).',
  '  sets 8+9 (round 3, the one --final run after the round 3 fixes, commit "quotes: places include ..."): speaker clean 0.913,',
  '    spun 0.902, all 0.910; P/R all 0.943/0.887 (set 8: speaker 0.900, recall 0.822; set 9: speaker 0.918, recall 0.948).',
  '    The round 2 code (commit 873c981\'s src/quotes) on the same sets: speaker 0.901, P/R 0.936/0.873, so these sets were',
  '    easier than 5-7 and round 3 gained +0.009 speaker / +0.014 recall on them. Later round 3 changes were judged on',
  '    dev-7 and on probe sentences written for the purpose; 8+9\'s errors were never listed. With the last round 3',
  '    code 8+9 give speaker 0.910, P/R 0.937/0.893 (seen once before, so not untouched).',
  '  set 10 (round 3, the one --final10 run, commit "quotes: a possessive object after \'told\' ..."): speaker clean 0.908,',
  '    spun 0.966, all 0.926; P/R all 0.940/0.913. The round 2 code on set 10: speaker 0.882, P/R 0.939/0.903.',
].join('\n');

interface Tally {
  gold: number;
  found: number;
  matchedLenient: number;
  matchedExact: number;
  speakerRight: number;
  kindRight: number;
  items: number;
}

const EDGE = /^[\s"'“”‘’«»„.,;:!?]+|[\s"'“”‘’«»„.,;:!?]+$/g;

function normName(s: string): string {
  return s.toLowerCase().replace(/['’]s\b/g, 's').replace(/^(the|a|an)\s+/, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function overlap(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

function score(item: GoldItem, found: Quote[], t: Tally): void {
  const gold = item.quotes.map((q) => ({ q, ...locate(item, q) }));
  t.gold += gold.length;
  t.found += found.length;
  t.items++;
  const pairs: { g: number; f: number; ov: number }[] = [];
  gold.forEach((g, gi) => found.forEach((f, fi) => {
    const ov = overlap(g, f);
    if (ov >= 0.5 * (g.end - g.start)) pairs.push({ g: gi, f: fi, ov: ov / Math.max(g.end - g.start, f.end - f.start) });
  }));
  pairs.sort((a, b) => b.ov - a.ov);
  const usedG = new Set<number>();
  const usedF = new Set<number>();
  for (const p of pairs) {
    if (usedG.has(p.g) || usedF.has(p.f)) continue;
    usedG.add(p.g);
    usedF.add(p.f);
    const g = gold[p.g];
    const f = found[p.f];
    t.matchedLenient++;
    if (item.text.slice(g.start, g.end).replace(EDGE, '') === item.text.slice(f.start, f.end).replace(EDGE, '')) t.matchedExact++;
    const right = g.q.speaker === null ? f.speaker === null : f.speaker !== null && g.q.speaker.some((s) => normName(s) === normName(f.speaker ?? ''));
    if (right) t.speakerRight++;
    if (g.q.kind === f.kind) t.kindRight++;
    if (verboseNow && !right) process.stdout.write(`  speaker  ${item.id}/${item.variant}: gold ${JSON.stringify(g.q.speaker)} found ${JSON.stringify(f.speaker)} | ${g.q.text.slice(0, 60)}\n`);
  }
  if (verboseNow) {
    gold.forEach((g, gi) => { if (!usedG.has(gi)) process.stdout.write(`  missed   ${item.id}/${item.variant}: [${g.q.kind}] ${g.q.text.slice(0, 80)}\n`); });
    found.forEach((f, fi) => { if (!usedF.has(fi)) process.stdout.write(`  spurious ${item.id}/${item.variant}: [${f.kind} ${f.speaker}] ${f.text.slice(0, 80)}\n`); });
  }
}

function fmt(x: number): string {
  return Number.isFinite(x) ? x.toFixed(3) : '  -  ';
}

const EMPTY = (): Tally => ({ gold: 0, found: 0, matchedLenient: 0, matchedExact: 0, speakerRight: 0, kindRight: 0, items: 0 });

function add(into: Tally, t: Tally): void {
  for (const k of Object.keys(into) as (keyof Tally)[]) into[k] += t[k];
}

interface SetResult {
  name: string;
  role: string;
  byVariant: Record<'clean' | 'spun', Tally>;
}

let ms = 0;
let chars = 0;

function runSet(name: string, role: string, file: string): SetResult {
  const byVariant = { clean: EMPTY(), spun: EMPTY() };
  for (const item of loadGold(file)) {
    const t0 = performance.now();
    const found = findQuotes(item.text);
    ms += performance.now() - t0;
    chars += item.text.length;
    score(item, found, byVariant[item.variant]);
  }
  return { name, role, byVariant };
}

function row(label: string, t: Tally): string {
  const pl = t.matchedLenient / t.found;
  const rl = t.matchedLenient / t.gold;
  const f1 = (2 * pl * rl) / (pl + rl);
  return `${label.padEnd(46)} ${String(t.items).padStart(5)} ${String(t.gold).padStart(5)} ${String(t.found).padStart(6)} | ${fmt(pl)} ${fmt(rl)} ${fmt(f1)} | ${fmt(t.matchedExact / t.found)} ${fmt(t.matchedExact / t.gold)} |   ${fmt(t.speakerRight / t.matchedLenient)} |  ${fmt(t.kindRight / t.matchedLenient)}\n`;
}

const HEADER = `${'set / variant'.padEnd(46)} items  gold  found | lenient P     R     F1  | exact P     R     | speaker | kind\n`;

function group(label: string, sets: SetResult[]): void {
  process.stdout.write(`\n${label}\n${HEADER}`);
  const clean = EMPTY();
  const spun = EMPTY();
  for (const s of sets) {
    add(clean, s.byVariant.clean);
    add(spun, s.byVariant.spun);
  }
  const all = EMPTY();
  add(all, clean);
  add(all, spun);
  process.stdout.write(row('clean', clean) + row('spun', spun) + row('all', all));
}

const final = process.argv.includes('--final');
const final10 = process.argv.includes('--final10');
const SETS: [string, string, string][] = [
  ['dev', 'tuned (rules developed on it)', GOLD_PATH],
  ['1', 'tuned (round 1 fixes)', HELDOUT_PATH],
  ['2', 'tuned (round 1 fixes)', HELDOUT2_PATH],
  ['3', 'tuned (round 2 fixes)', HELDOUT3_PATH],
  ['4', 'tuned (round 2 fixes)', HELDOUT4_PATH],
  ['5', 'tuned (round 3 fixes)', HELDOUT5_PATH],
  ['6', 'tuned (round 3 fixes)', HELDOUT6_PATH],
  ['7', 'tuned (round 3 fixes)', HELDOUT7_PATH],
  // Sets 8 and 9 stay unread while rules change: only --final runs them.
  ...(final ? ([
    ['8', 'HELD OUT (run once, round 3)', HELDOUT8_PATH],
    ['9', 'HELD OUT (run once, round 3)', HELDOUT9_PATH],
  ] as [string, string, string][]) : []),
  // Set 10 was annotated after the one --final run on 8+9, for the changes made after it.
  ...(final10 ? ([['10', 'HELD OUT (run once, end of round 3)', HELDOUT10_PATH]] as [string, string, string][]) : []),
];
// The untouched sets' errors stay unread: --verbose lists only the tuned sets' errors unless
// --verbose-untouched is given too.
const results = SETS.map(([name, role, file]) => {
  const quiet = role.startsWith('HELD OUT') && !process.argv.includes('--verbose-untouched');
  if (verbose && !quiet) process.stdout.write(`\n-- set ${name} (${file})\n`);
  verboseNow = verbose && !quiet;
  return runSet(name, role, file);
});

process.stdout.write('\nper set (lenient match: overlap >= 50% of the gold span; speaker/kind accuracy over matched pairs)\n' + HEADER);
for (const r of results) {
  for (const v of ['clean', 'spun'] as const) process.stdout.write(row(`${r.name.padEnd(4)} ${v.padEnd(6)} ${r.role}`.slice(0, 46), r.byVariant[v]));
}
group('sets used for tuning before round 3 (dev, 1-4)', results.filter((r) => ['dev', '1', '2', '3', '4'].includes(r.name)));
group('held-out sets 5 + 6 + 7 (the honest figure after round 2; used for fixes in round 3)', results.filter((r) => ['5', '6', '7'].includes(r.name)));
if (final) {
  group('held-out set 8 (random Reuters, seed 2033; run once before, errors never listed)', results.filter((r) => r.name === '8'));
  group('held-out set 9 (modern-style news written for this project; run once before)', results.filter((r) => r.name === '9'));
  group('held-out sets 8 + 9 together (their first run is in FIRST_RUNS)', results.filter((r) => r.name === '8' || r.name === '9'));
}
if (final10) group('held-out set 10 (annotated after the --final run on 8 + 9; first run in FIRST_RUNS is the honest figure)', results.filter((r) => r.name === '10'));
process.stdout.write(`\nfirst runs of held-out sets (the figure before they were looked at):\n${FIRST_RUNS}\n`);
process.stdout.write(`time: ${ms.toFixed(1)} ms for ${chars} characters (${((chars / 1024) / (ms / 1000)).toFixed(0)} KiB/s)\n`);
const sweepAt = process.argv.indexOf('--sweep');
if (sweepAt > 0) await spinSweep(Number(process.argv[sweepAt + 1] ?? 4) || 4);
process.stdout.write('\ncommand: npm run bench:quotes   (--verbose lists misses, spurious finds and wrong speakers of tuned sets; --sweep N adds the spin sweep; --final adds the sets 8 + 9, --final10 set 10)\n');


async function spinSweep(seeds: number): Promise<void> {
  const { createSpinner, PERSONALITIES } = await import('./lib/spinner.js');
  let total = 0;
  let right = 0;
  for (const r of SETS.filter(([, role]) => !role.startsWith('HELD OUT'))) {
    for (const item of loadGold(r[2]).filter((g) => g.variant === 'clean')) {
      for (let k = 0; k < seeds; k++) {
        const personality = PERSONALITIES[k % PERSONALITIES.length];
        const { text, changes } = createSpinner({ seed: 7000 + k * 101 + item.text.length, personality }).spin(item.text);
        const found = findQuotes(text);
        for (const q of item.quotes) {
          const span = locate(item, q);
          const s = mapOffset(span.start, changes, 'start');
          const e = mapOffset(span.end, changes, 'end');
          const f = found.find((x) => Math.min(x.end, e) - Math.max(x.start, s) >= 0.5 * (e - s));
          if (!f) continue;
          total++;
          // A gold name is also right as the spun page shows it.
          const names = (q.speaker ?? []).flatMap((n) => {
            const at = item.text.toLowerCase().indexOf(n.toLowerCase());
            return at < 0 ? [n] : [n, text.slice(mapOffset(at, changes, 'start'), mapOffset(at + n.length, changes, 'end'))];
          });
          const ok = q.speaker === null ? f.speaker === null : f.speaker !== null && names.some((n) => normName(n) === normName(f.speaker ?? ''));
          if (ok) right++;
          else if (verbose) process.stdout.write(`  sweep    ${item.id}/${personality}: gold ${JSON.stringify(names)} found ${JSON.stringify(f.speaker)}\n`);
        }
      }
    }
  }
  process.stdout.write(`\nspin sweep (tuned sets' clean items, ${seeds} fresh spins each): speaker acc ${fmt(right / total)} over ${total} matched quotes\n`);
}
