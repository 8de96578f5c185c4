/**
 * Who said what: direct quotations, partial quotations and reported speech, each with its
 * speaker resolved to a name, the cue, and the chain of reporting.
 *
 * Semantics of a Quote's fields:
 * - `speaker`: whom the text holds responsible for the words: the subject of the cue or the
 *   source named by "according to", resolved to a name ("she" -> "Mao Ning", "the bloc" ->
 *   "NATO", "the outlet's sources" -> "Nikkei Asia"); an unnamed source stays as its noun
 *   phrase ("industry groups"); null when nothing fits.
 * - `reportedBy`: the chain of reporting, outermost first, when the words were relayed:
 *   "Nikkei Asia reported, citing Japanese and NATO officials, that ..." ->
 *   speaker "Nikkei Asia", reportedBy ["Nikkei Asia", "Japanese and NATO officials"];
 *   "according to the outlet's sources" -> ["Nikkei Asia", "Nikkei Asia's sources"];
 *   "X was quoted by the agency as saying" -> speaker X, reportedBy ["the agency", X].
 *   Empty when the speaker speaks for itself.
 * - `cue`: the reporting words as written ("said", "told reporters" is "told", "according to").
 * - `kind`: direct (a quotation standing as the speaker's sentence), partial (quoted words
 *   worked into the writer's sentence), reported (indirect speech; the span is the clause).
 * Spans are UTF-16 offsets over the given text; direct/partial spans exclude the marks.
 */
import type { Quote } from '../model.js';
import { attribute } from './attribute.js';
import { findQuoteMarks } from './marks.js';
import { sentencesOf } from './tokens.js';

export { compareQuotes, quoteFingerprints, normaliseQuoteText } from './compare.js';
export type { QuoteChange, QuoteComparison } from './compare.js';

/** Finds quotations and reported speech in an article's text (paragraphs separated by "\n\n"). */
export function findQuotes(text: string): Quote[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const marks = findQuoteMarks(text);
  const sentences = sentencesOf(text, marks);
  return attribute(text, sentences, marks);
}
