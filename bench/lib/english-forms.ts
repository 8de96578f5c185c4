/**
 * Just enough English inflection for the spinner simulator: turning a lemma into the plural,
 * third-person, past and -ing forms a naive spinner's table would hold. Deliberately separate
 * from src/language (the restorer's morphology) so the simulator does not share the
 * restorer's mistakes.
 */

/** Irregular verbs: lemma -> [past, past participle]. */
const IRREGULAR_VERBS: Record<string, [string, string]> = {
  be: ['was', 'been'], begin: ['began', 'begun'], break: ['broke', 'broken'], bring: ['brought', 'brought'],
  build: ['built', 'built'], buy: ['bought', 'bought'], catch: ['caught', 'caught'], choose: ['chose', 'chosen'],
  come: ['came', 'come'], cut: ['cut', 'cut'], do: ['did', 'done'], draw: ['drew', 'drawn'], drive: ['drove', 'driven'],
  eat: ['ate', 'eaten'], fall: ['fell', 'fallen'], feel: ['felt', 'felt'], fight: ['fought', 'fought'],
  find: ['found', 'found'], fly: ['flew', 'flown'], forget: ['forgot', 'forgotten'], get: ['got', 'got'],
  give: ['gave', 'given'], go: ['went', 'gone'], grow: ['grew', 'grown'], have: ['had', 'had'], hear: ['heard', 'heard'],
  hide: ['hid', 'hidden'], hit: ['hit', 'hit'], hold: ['held', 'held'], hurt: ['hurt', 'hurt'], keep: ['kept', 'kept'],
  know: ['knew', 'known'], lay: ['laid', 'laid'], lead: ['led', 'led'], leave: ['left', 'left'], lend: ['lent', 'lent'],
  let: ['let', 'let'], lie: ['lay', 'lain'], lose: ['lost', 'lost'], make: ['made', 'made'], mean: ['meant', 'meant'],
  meet: ['met', 'met'], pay: ['paid', 'paid'], put: ['put', 'put'], quit: ['quit', 'quit'], read: ['read', 'read'],
  ride: ['rode', 'ridden'], ring: ['rang', 'rung'], rise: ['rose', 'risen'], run: ['ran', 'run'], say: ['said', 'said'],
  see: ['saw', 'seen'], seek: ['sought', 'sought'], sell: ['sold', 'sold'], send: ['sent', 'sent'], set: ['set', 'set'],
  shake: ['shook', 'shaken'], shoot: ['shot', 'shot'], show: ['showed', 'shown'], shut: ['shut', 'shut'],
  sing: ['sang', 'sung'], sink: ['sank', 'sunk'], sit: ['sat', 'sat'], sleep: ['slept', 'slept'], speak: ['spoke', 'spoken'],
  spend: ['spent', 'spent'], split: ['split', 'split'], spread: ['spread', 'spread'], stand: ['stood', 'stood'],
  steal: ['stole', 'stolen'], stick: ['stuck', 'stuck'], strike: ['struck', 'struck'], swim: ['swam', 'swum'],
  take: ['took', 'taken'], teach: ['taught', 'taught'], tear: ['tore', 'torn'], tell: ['told', 'told'],
  think: ['thought', 'thought'], throw: ['threw', 'thrown'], understand: ['understood', 'understood'],
  wake: ['woke', 'woken'], wear: ['wore', 'worn'], win: ['won', 'won'], withdraw: ['withdrew', 'withdrawn'],
  write: ['wrote', 'written'], undertake: ['undertook', 'undertaken'], become: ['became', 'become'],
  forecast: ['forecast', 'forecast'], bid: ['bid', 'bid'], cost: ['cost', 'cost'], bear: ['bore', 'borne'],
};

const IRREGULAR_PLURALS: Record<string, string> = {
  man: 'men', woman: 'women', child: 'children', person: 'people', foot: 'feet', tooth: 'teeth', mouse: 'mice',
  goose: 'geese', analysis: 'analyses', crisis: 'crises', criterion: 'criteria', phenomenon: 'phenomena',
  medium: 'media', datum: 'data', index: 'indices', thesis: 'theses', basis: 'bases', life: 'lives', wife: 'wives',
  knife: 'knives', leaf: 'leaves', half: 'halves', shelf: 'shelves', wolf: 'wolves', series: 'series', species: 'species',
  sheep: 'sheep', deer: 'deer', fish: 'fish', aircraft: 'aircraft',
};

const VOWEL = /[aeiou]/;

function endsConsonantY(w: string): boolean {
  return w.length > 1 && w.endsWith('y') && !VOWEL.test(w[w.length - 2]);
}

/** Short verbs ending consonant-vowel-consonant double the final consonant (stop -> stopped). */
function doublesFinal(w: string): boolean {
  if (w.length < 3 || w.length > 4) return false;
  const [a, b, c] = [w[w.length - 3], w[w.length - 2], w[w.length - 1]];
  return !VOWEL.test(a) && VOWEL.test(b) && !VOWEL.test(c) && !/[wxy]/.test(c);
}

export function plural(noun: string): string {
  if (IRREGULAR_PLURALS[noun]) return IRREGULAR_PLURALS[noun];
  if (/(s|x|z|ch|sh)$/.test(noun)) return `${noun}es`;
  if (endsConsonantY(noun)) return `${noun.slice(0, -1)}ies`;
  return `${noun}s`;
}

export function thirdPerson(verb: string): string {
  if (verb === 'be') return 'is';
  if (verb === 'have') return 'has';
  if (verb === 'do' || verb === 'go') return `${verb}es`;
  if (/(s|x|z|ch|sh)$/.test(verb)) return `${verb}es`;
  if (endsConsonantY(verb)) return `${verb.slice(0, -1)}ies`;
  return `${verb}s`;
}

function regularEd(verb: string): string {
  if (verb.endsWith('e')) return `${verb}d`;
  if (endsConsonantY(verb)) return `${verb.slice(0, -1)}ied`;
  if (doublesFinal(verb)) return `${verb}${verb[verb.length - 1]}ed`;
  return `${verb}ed`;
}

export function past(verb: string): string {
  return IRREGULAR_VERBS[verb]?.[0] ?? regularEd(verb);
}

export function pastParticiple(verb: string): string {
  return IRREGULAR_VERBS[verb]?.[1] ?? regularEd(verb);
}

export function gerund(verb: string): string {
  if (verb === 'be') return 'being';
  if (/ie$/.test(verb)) return `${verb.slice(0, -2)}ying`;
  if (/[^e]e$/.test(verb) && verb.length > 2) return `${verb.slice(0, -1)}ing`;
  if (doublesFinal(verb)) return `${verb}${verb[verb.length - 1]}ing`;
  return `${verb}ing`;
}

export type FormKind = 'base' | 'plural' | 'third' | 'past' | 'participle' | 'gerund';

/** Inflect a possibly multiword entry: the head word of a verb phrase is its first word, of a noun phrase its last. */
export function inflectEntry(entry: string, pos: 'n' | 'v' | 'a' | 'r', kind: FormKind): string {
  if (kind === 'base') return entry;
  const words = entry.split(' ');
  const headIndex = pos === 'v' ? 0 : words.length - 1;
  const head = words[headIndex];
  let inflected: string;
  switch (kind) {
    case 'plural': inflected = plural(head); break;
    case 'third': inflected = thirdPerson(head); break;
    case 'past': inflected = past(head); break;
    case 'participle': inflected = pastParticiple(head); break;
    case 'gerund': inflected = gerund(head); break;
  }
  words[headIndex] = inflected;
  return words.join(' ');
}

/** The forms a lemma of a part of speech takes, with their kinds. */
export function formsOf(lemma: string, pos: 'n' | 'v' | 'a' | 'r'): { form: string; kind: FormKind }[] {
  const out: { form: string; kind: FormKind }[] = [{ form: lemma, kind: 'base' }];
  if (lemma.includes(' ')) {
    if (pos === 'n') out.push({ form: inflectEntry(lemma, 'n', 'plural'), kind: 'plural' });
    if (pos === 'v') for (const kind of ['third', 'past', 'participle', 'gerund'] as const) out.push({ form: inflectEntry(lemma, 'v', kind), kind });
    return out;
  }
  if (pos === 'n') out.push({ form: plural(lemma), kind: 'plural' });
  if (pos === 'v') {
    out.push({ form: thirdPerson(lemma), kind: 'third' }, { form: past(lemma), kind: 'past' },
      { form: pastParticiple(lemma), kind: 'participle' }, { form: gerund(lemma), kind: 'gerund' });
  }
  return out;
}
