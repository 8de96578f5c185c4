/**
 * Lemmatisation and re-inflection for English, from WordNet's exception lists (irregular forms:
 * "said" -> say, "children" -> child, "better" -> good) plus suffix rules checked against
 * WordNet's lemma lists, with the LM vocabulary as the judge of which generated form is a word.
 */
import type { BinFile } from './binfile.js';
import { unpackStrings } from './binfile.js';
import type { NgramLanguageModel } from './lm.js';
import type { Analysis, InflectionTag, WordClass } from './types.js';

export const WORD_CLASSES: readonly WordClass[] = ['noun', 'verb', 'adj', 'adv'];

type Rule = readonly [suffix: string, replacement: string, tag: InflectionTag];

/** Detachment rules (suffix -> base) per class, in the spirit of WordNet's morphy. */
const RULES: Record<WordClass, readonly Rule[]> = {
  noun: [
    ['s', '', 'plural'], ['ses', 's', 'plural'], ['xes', 'x', 'plural'], ['zes', 'z', 'plural'],
    ['ches', 'ch', 'plural'], ['shes', 'sh', 'plural'], ['men', 'man', 'plural'], ['ies', 'y', 'plural'],
    ['oes', 'o', 'plural'], ['ves', 'f', 'plural'], ['ves', 'fe', 'plural'],
  ],
  verb: [
    ['s', '', '3sg'], ['ies', 'y', '3sg'], ['es', 'e', '3sg'], ['es', '', '3sg'],
    ['ed', 'e', 'past'], ['ed', '', 'past'], ['ied', 'y', 'past'],
    ['ing', 'e', 'ing'], ['ing', '', 'ing'], ['ying', 'ie', 'ing'],
  ],
  adj: [['er', '', 'comparative'], ['est', '', 'superlative'], ['er', 'e', 'comparative'], ['est', 'e', 'superlative'], ['ier', 'y', 'comparative'], ['iest', 'y', 'superlative']],
  adv: [['er', '', 'comparative'], ['est', '', 'superlative']],
};

const VOWEL = /[aeiou]/;

/** Verbs whose past tense and participle equal the base form (absent from WordNet's lists). */
const UNCHANGED_PAST = new Set([
  'bet', 'bid', 'broadcast', 'burst', 'cast', 'cost', 'cut', 'fit', 'forecast', 'hit', 'hurt', 'let',
  'put', 'quit', 'read', 'rid', 'set', 'shed', 'shut', 'slit', 'split', 'spread', 'thrust', 'upset', 'wed',
]);

/** Consonant-vowel-consonant ending that doubles before a vowel suffix (stop -> stopped). */
function doublesFinal(word: string): boolean {
  return /[^aeiou][aeiou][bcdfgklmnprstvz]$/.test(word) && !/[aeiou]{2}[^aeiou]$/.test(word);
}

function tagForException(pos: WordClass, form: string): InflectionTag {
  if (pos === 'noun') return 'plural';
  if (pos === 'verb') {
    if (form.endsWith('ing')) return 'ing';
    return 'past';
  }
  return form.endsWith('st') ? 'superlative' : 'comparative';
}

export class Morphology {
  /** pos -> inflected form -> lemmas */
  private readonly exceptions = new Map<WordClass, Map<string, string[]>>();
  /** pos -> lemma -> irregular forms */
  private readonly irregular = new Map<WordClass, Map<string, string[]>>();
  private readonly lemmas = new Map<WordClass, Set<string>>();
  readonly hasWordNet: boolean;

  constructor(
    file: BinFile | null,
    private readonly lm: NgramLanguageModel,
  ) {
    this.hasWordNet = file !== null;
    for (const pos of WORD_CLASSES) {
      const exc = new Map<string, string[]>();
      const irr = new Map<string, string[]>();
      if (file && file.has(`exc.${pos}`)) {
        // Pairs "form lemma" one per line.
        for (const line of unpackStrings(file.u8(`exc.${pos}`))) {
          const sp = line.indexOf(' ');
          if (sp <= 0) continue;
          const form = line.slice(0, sp);
          const lemma = line.slice(sp + 1);
          // Multi-word entries whose lemma has more words than the form ("went deep" -> "go deep")
          // are not useful as single-word analyses.
          if (lemma.split(' ').length !== 1 || form.includes(' ')) continue;
          push(exc, form, lemma);
          push(irr, lemma, form);
        }
      }
      this.exceptions.set(pos, exc);
      this.irregular.set(pos, irr);
      this.lemmas.set(pos, file && file.has(`lemmas.${pos}`) ? new Set(unpackStrings(file.u8(`lemmas.${pos}`))) : new Set());
    }
  }

  /** Whether WordNet lists the lemma (a word or "multi word" phrase) in that class. */
  isLemma(lemma: string, pos: WordClass): boolean {
    return this.lemmas.get(pos)?.has(lemma) ?? false;
  }

  /** Classes WordNet lists the lemma in. */
  classesOf(lemma: string): WordClass[] {
    return WORD_CLASSES.filter((p) => this.isLemma(lemma, p));
  }

  private known(lemma: string, pos: WordClass): boolean {
    return this.hasWordNet ? this.isLemma(lemma, pos) : this.lm.has(lemma);
  }

  lemmatise(word: string): Analysis[] {
    const w = word.trim().toLowerCase();
    if (!w) return [];
    const out: Analysis[] = [];
    const seen = new Set<string>();
    const add = (a: Analysis): void => {
      const key = `${a.lemma}|${a.pos}|${a.tag}`;
      if (seen.has(key)) return;
      seen.add(key);
      out.push(a);
    };
    for (const pos of WORD_CLASSES) {
      if (this.known(w, pos)) add({ lemma: w, pos, tag: 'base', via: 'identity' });
    }
    for (const pos of WORD_CLASSES) {
      for (const lemma of this.exceptions.get(pos)?.get(w) ?? []) {
        add({ lemma, pos, tag: tagForException(pos, w), via: 'exception' });
      }
    }
    for (const pos of WORD_CLASSES) {
      for (const [suffix, repl, tag] of RULES[pos]) {
        if (!w.endsWith(suffix) || w.length <= suffix.length + 1) continue;
        const stem = w.slice(0, w.length - suffix.length);
        const base = stem + repl;
        if (VOWEL.test(base) && this.known(base, pos)) add({ lemma: base, pos, tag, via: 'rule' });
        // Undo consonant doubling: "stopped" -> "stopp" -> "stop", "bigger" -> "big".
        if (repl === '' && stem.length >= 3 && stem[stem.length - 1] === stem[stem.length - 2]) {
          const undoubled = stem.slice(0, -1);
          if (this.known(undoubled, pos)) add({ lemma: undoubled, pos, tag, via: 'rule' });
        }
      }
    }
    return out;
  }

  /**
   * Forms of `lemma` carrying `tag`, forms the LM knows first. Multi-word lemmas are inflected
   * on their head: the first word of a verb phrase ("make an attempt" -> "makes an attempt"),
   * the word before "of" or the last word of a noun phrase ("piece of work" -> "pieces of work").
   */
  inflect(lemma: string, pos: WordClass, tag: InflectionTag): string[] {
    const l = lemma.trim().toLowerCase();
    if (!l) return [];
    if (tag === 'base') return [l];
    const words = l.split(/\s+/);
    if (words.length > 1) {
      let head: number;
      if (pos === 'verb') head = 0;
      else if (pos === 'noun') {
        const of = words.indexOf('of');
        head = of > 0 ? of - 1 : words.length - 1;
      } else {
        // "more X" / "most X" for multi-word adjectives.
        if (tag === 'comparative') return [`more ${l}`];
        if (tag === 'superlative') return [`most ${l}`];
        return [];
      }
      return this.inflectWord(words[head], pos, tag).map((f) => [...words.slice(0, head), f, ...words.slice(head + 1)].join(' '));
    }
    return this.inflectWord(l, pos, tag);
  }

  private inflectWord(w: string, pos: WordClass, tag: InflectionTag): string[] {
    if (pos === 'adv' && (tag === 'comparative' || tag === 'superlative')) {
      // Flat adverbs compare like their adjective ("hard" -> "harder", "badly"/"bad" -> "worse");
      // "-ly" adverbs take "more"/"most".
      const own = this.irregular.get('adv')?.get(w) ?? [];
      if (own.length > 0) return own.filter((f) => tagForException('adv', f) === tag);
      if (this.isLemma(w, 'adj')) return this.inflectWord(w, 'adj', tag);
      return [`${tag === 'comparative' ? 'more' : 'most'} ${w}`];
    }
    const forms: string[] = [];
    const irregular = (this.irregular.get(pos)?.get(w) ?? []).filter((f) => tagForException(pos, f) === tag || (tag === 'past' && pos === 'verb' && !f.endsWith('ing')));
    if (tag === 'past' && pos === 'verb' && UNCHANGED_PAST.has(w)) irregular.push(w);
    forms.push(...irregular);
    const cvc = doublesFinal(w);
    const last = w[w.length - 1];
    const consonantY = /[^aeiou]y$/.test(w);
    const sibilant = /(s|x|z|ch|sh)$/.test(w);
    switch (tag) {
      case 'plural':
      case '3sg':
        if (tag === '3sg') {
          const special: Record<string, string> = { be: 'is', have: 'has', do: 'does', go: 'goes' };
          if (special[w]) forms.push(special[w]);
        }
        if (consonantY) forms.push(`${w.slice(0, -1)}ies`);
        else if (sibilant) forms.push(`${w}es`);
        else if (/[^aeiou]o$/.test(w)) forms.push(`${w}es`, `${w}s`);
        else forms.push(`${w}s`);
        if (pos === 'noun' && /fe?$/.test(w) && !/ff$/.test(w)) forms.push(`${w.replace(/fe?$/, '')}ves`);
        break;
      case 'past':
        if (pos !== 'verb') break;
        if (last === 'e') forms.push(`${w}d`);
        else if (consonantY) forms.push(`${w.slice(0, -1)}ied`);
        else {
          if (cvc) forms.push(`${w}${last}ed`);
          forms.push(`${w}ed`);
        }
        break;
      case 'ing':
        if (pos !== 'verb') break;
        if (w.endsWith('ie')) forms.push(`${w.slice(0, -2)}ying`);
        else if (last === 'e' && !/(ee|oe|ye)$/.test(w)) forms.push(`${w.slice(0, -1)}ing`);
        else {
          if (cvc) forms.push(`${w}${last}ing`);
          forms.push(`${w}ing`);
        }
        break;
      case 'comparative':
      case 'superlative': {
        const suf = tag === 'comparative' ? 'er' : 'est';
        if (last === 'e') forms.push(`${w}${suf.slice(1)}`);
        else if (consonantY) forms.push(`${w.slice(0, -1)}i${suf}`);
        else {
          if (cvc) forms.push(`${w}${last}${suf}`);
          forms.push(`${w}${suf}`);
        }
        forms.push(`${tag === 'comparative' ? 'more' : 'most'} ${w}`);
        break;
      }
      default:
        break;
    }
    const unique = [...new Set(forms)];
    // Irregular forms are words by definition; a rule form must be known to the LM to count.
    // Periphrastic forms ("more careful") are the fallback when no single word is known.
    // A regular form competes with an irregular one only when it is the more common ("learned"
    // beside "learnt"); otherwise it is noise in the LM vocabulary ("sayed", "badder").
    const bestIrregular = Math.max(-Infinity, ...irregular.map((f) => this.lm.unigramLogProb(f)));
    const single = unique.filter(
      (f) => !f.includes(' ') && (irregular.includes(f) || (this.lm.has(f) && this.lm.unigramLogProb(f) > bestIrregular)),
    );
    if (single.length > 0) {
      // Rule guesses can both be words ("visited" and the typo "visitted"): the commoner first.
      const rank = (f: string): number => (irregular.includes(f) ? 0 : -this.lm.unigramLogProb(f));
      return single.sort((a, b) => rank(a) - rank(b));
    }
    const phrases = unique.filter((f) => f.includes(' '));
    return phrases.length > 0 ? phrases : unique.slice(0, 1);
  }
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) {
    if (!list.includes(value)) list.push(value);
  } else map.set(key, [value]);
}
