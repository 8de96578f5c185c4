/**
 * The report: what `unspin inspect --json` prints, what the HTTP API returns, and what the
 * terminal and HTML renderers draw. Versioned; documented in docs/report-schema.md and
 * schema/report.v1.json. Every finding is a span over `article.text`.
 */
import type { Article, ProvenanceMatch, Quote, Restoration, SpinDetection } from '../model.js';

export const REPORT_SCHEMA_VERSION = 1;

/** How a stage went: it ran, it was not asked for, its module is missing, or it failed. */
export type StageStatus = 'ok' | 'skipped' | 'unavailable' | 'failed';

export interface StageOutcome {
  status: StageStatus;
  /** Why a stage did not produce its section (absent when status is 'ok'). */
  reason?: string;
  /** Wall time the stage took, in milliseconds. */
  ms?: number;
}

export type StageName = 'extract' | 'spin' | 'restoration' | 'quotes' | 'provenance';

/** The one-line answer, computed from the sections (see src/report/verdict.ts). */
export interface Summary {
  kind: 'spun-copy' | 'verbatim-copy' | 'partial-copy' | 'same-story' | 'source-of' | 'likely-spun' | 'not-spun' | 'unknown';
  headline: string;
}

export interface Provenance {
  /** Matches from the index, best first; empty when the index holds no source. */
  matches: ProvenanceMatch[];
  /** Number of articles in the index when it was searched, when the store says. */
  indexSize?: number | null;
}

export interface Report {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  generator: { name: 'unspin'; version: string };
  /** ISO 8601 time the report was made. */
  createdAt: string;
  /** Where the page came from, as given by the caller. */
  input: { id: string; url: string | null; fetchedAt: string | null };
  article: Article;
  summary: Summary;
  /** null when the stage did not run; `stages.spin.reason` says why. */
  spin: SpinDetection | null;
  restoration: Restoration | null;
  quotes: Quote[] | null;
  provenance: Provenance | null;
  stages: Record<StageName, StageOutcome>;
}
