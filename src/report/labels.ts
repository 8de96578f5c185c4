/** Words the terminal and HTML renderers share, so both reports say the same thing. */
import type { ProvenanceMatch } from '../model.js';
import type { Report, StageName } from './types.js';

export const percent = (p: number): string => `${Math.round(p * 100)}%`;

export const DIRECTION_TEXT: Record<ProvenanceMatch['direction']['verdict'], string> = {
  'query-copies-match': 'this page copies it',
  'match-copies-query': 'it copies this page',
  unknown: 'direction of copying unknown',
};

export const STAGE_LABEL: Record<StageName, string> = {
  extract: 'extraction', spin: 'spin detection', restoration: 'restoration', quotes: 'quotes', provenance: 'source tracing',
};

/** Stages that did not produce their section, in report order. */
export function stagesNotRun(report: Report): StageName[] {
  return (Object.keys(report.stages) as StageName[]).filter((s) => report.stages[s].status !== 'ok');
}

export const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
