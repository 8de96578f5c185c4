/**
 * Checks shared by the report and server tests: validation against the published report schema
 * (ajv, draft 2020-12), and HTML parsed the way a browser tokenises it (htmlparser2), so tests
 * look at real elements and attributes instead of grepping markup.
 */
import assert from 'node:assert/strict';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Element } from 'domhandler';
import { findAll } from 'domutils';
import { parseDocument } from 'htmlparser2';
import { reportJsonSchema } from '../../src/report/schema.js';

export const ajv = new Ajv2020({ allErrors: true, formats: { 'date-time': (s: string) => !Number.isNaN(Date.parse(s)), uri: true } });
export const validateReport = ajv.compile(reportJsonSchema);

export function assertValidReport(value: unknown): void {
  assert.ok(validateReport(value), `report does not match schema/report.v1.json: ${ajv.errorsText(validateReport.errors)}`);
}

/** Every element of an HTML document, entities decoded. */
export function elements(html: string): Element[] {
  return findAll(() => true, parseDocument(html).children);
}

/** Fails when any element carries an event-handler attribute or links anywhere but http(s) or the page itself. */
export function assertNoActiveContent(all: Element[]): void {
  for (const e of all) {
    for (const [name, value] of Object.entries(e.attribs)) {
      assert.ok(!/^on/i.test(name), `<${e.name}> carries an event handler attribute ${name}`);
      if (name === 'href' || name === 'src' || name === 'action') assert.match(value, /^(https?:|#|\/$)/, `<${e.name} ${name}="${value}">`);
    }
  }
}
