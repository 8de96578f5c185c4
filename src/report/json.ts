/** The JSON report: the Report object itself, pretty-printed (schema: schema/report.v1.json). */
import type { Report } from './types.js';

export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
