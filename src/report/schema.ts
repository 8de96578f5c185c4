/**
 * JSON Schema (draft 2020-12) of the report, version 1. `schema/report.v1.json` is this object
 * written out (a test keeps the two identical), and the OpenAPI document embeds it.
 *
 * Compatibility: fields may be added within version 1 (consumers ignore unknown fields);
 * removing or changing a field bumps schemaVersion.
 */
const span = {
  start: { type: 'integer', minimum: 0, description: 'UTF-16 offset into article.text, inclusive.' },
  end: { type: 'integer', minimum: 0, description: 'UTF-16 offset into article.text, exclusive.' },
} as const;

const nullableString = { type: ['string', 'null'] } as const;
const probability = { type: 'number', minimum: 0, maximum: 1 } as const;

export const reportJsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://unspin.invalid/schema/report.v1.json',
  title: 'unspin report, version 1',
  description: 'What `unspin inspect --json` prints and POST /v1/inspect returns. Every finding is a span over article.text.',
  type: 'object',
  required: ['schemaVersion', 'generator', 'createdAt', 'input', 'article', 'summary', 'spin', 'restoration', 'quotes', 'provenance', 'stages'],
  properties: {
    schemaVersion: { const: 1 },
    generator: {
      type: 'object', required: ['name', 'version'],
      properties: { name: { const: 'unspin' }, version: { type: 'string' } },
    },
    createdAt: { type: 'string', format: 'date-time' },
    input: {
      type: 'object', required: ['id', 'url', 'fetchedAt'],
      properties: { id: { type: 'string' }, url: nullableString, fetchedAt: nullableString },
    },
    article: { $ref: '#/$defs/Article' },
    summary: {
      type: 'object', required: ['kind', 'headline'],
      properties: {
        kind: { enum: ['spun-copy', 'verbatim-copy', 'partial-copy', 'same-story', 'source-of', 'likely-spun', 'not-spun', 'unknown'] },
        headline: { type: 'string', description: 'The verdict sentence shown first.' },
      },
    },
    spin: { oneOf: [{ type: 'null' }, { $ref: '#/$defs/SpinDetection' }], description: 'null when detection did not run; see stages.spin.' },
    restoration: { oneOf: [{ type: 'null' }, { $ref: '#/$defs/Restoration' }], description: 'null when restoration did not run; see stages.restoration.' },
    quotes: { oneOf: [{ type: 'null' }, { type: 'array', items: { $ref: '#/$defs/Quote' } }], description: 'null when quote finding did not run.' },
    provenance: {
      oneOf: [{ type: 'null' }, {
        type: 'object', required: ['matches'],
        properties: {
          matches: { type: 'array', items: { $ref: '#/$defs/ProvenanceMatch' } },
          indexSize: { type: ['integer', 'null'] },
        },
      }],
      description: 'null when no index was searched; see stages.provenance.',
    },
    stages: {
      type: 'object',
      required: ['extract', 'spin', 'restoration', 'quotes', 'provenance'],
      properties: {
        extract: { $ref: '#/$defs/StageOutcome' },
        spin: { $ref: '#/$defs/StageOutcome' },
        restoration: { $ref: '#/$defs/StageOutcome' },
        quotes: { $ref: '#/$defs/StageOutcome' },
        provenance: { $ref: '#/$defs/StageOutcome' },
      },
    },
  },
  $defs: {
    StageOutcome: {
      type: 'object', required: ['status'],
      properties: {
        status: { enum: ['ok', 'skipped', 'unavailable', 'failed'] },
        reason: { type: 'string' },
        ms: { type: 'number', minimum: 0 },
      },
    },
    Paragraph: {
      type: 'object', required: ['start', 'end', 'kind'],
      properties: { ...span, kind: { enum: ['p', 'heading', 'list-item', 'quote', 'standfirst'] } },
    },
    ArticleLink: {
      type: 'object', required: ['kind', 'href', 'text'],
      properties: { kind: { enum: ['source', 'related', 'inline'] }, href: { type: 'string' }, text: { type: 'string' }, reason: { type: 'string' } },
    },
    Article: {
      type: 'object',
      required: ['url', 'canonicalUrl', 'title', 'byline', 'published', 'language', 'text', 'paragraphs', 'links'],
      properties: {
        url: nullableString, canonicalUrl: nullableString, title: nullableString, byline: nullableString,
        published: { ...nullableString, description: 'ISO 8601 date or date-time.' },
        language: { ...nullableString, description: 'BCP 47 primary tag.' },
        text: { type: 'string', description: 'Paragraphs joined by a blank line; every span indexes into it.' },
        paragraphs: { type: 'array', items: { $ref: '#/$defs/Paragraph' } },
        links: { type: 'array', items: { $ref: '#/$defs/ArticleLink' } },
      },
    },
    SpinFlag: {
      type: 'object', required: ['start', 'end', 'score', 'reason'],
      properties: { ...span, score: { type: 'number' }, reason: { type: 'string' } },
    },
    SpinDetection: {
      type: 'object', required: ['spinScore', 'flags'],
      properties: {
        spinScore: probability, flags: { type: 'array', items: { $ref: '#/$defs/SpinFlag' } }, notAssessed: { type: 'string' },
        paragraphs: {
          type: 'array', description: 'Each English paragraph\'s own score (a page may be spun in part).',
          items: { type: 'object', required: ['start', 'end', 'score'], properties: { ...span, score: probability } },
        },
      },
    },
    Edit: {
      type: 'object', required: ['start', 'end', 'spun', 'original', 'confidence', 'alternatives'],
      properties: {
        ...span,
        spun: { type: 'string', description: 'The wording on the page, article.text[start:end].' },
        original: { type: 'string', description: 'The most likely original wording.' },
        confidence: probability,
        alternatives: {
          type: 'array',
          items: { type: 'object', required: ['text', 'confidence'], properties: { text: { type: 'string' }, confidence: probability } },
        },
        source: { enum: ['model', 'learned', 'aligned-source'] },
      },
    },
    Restoration: {
      type: 'object', required: ['text', 'spinScore', 'edits'],
      properties: {
        text: { type: 'string', description: 'The restored article text.' },
        spinScore: probability,
        edits: { type: 'array', items: { $ref: '#/$defs/Edit' } },
      },
    },
    Quote: {
      type: 'object', required: ['start', 'end', 'text', 'speaker', 'cue', 'reportedBy', 'kind'],
      properties: {
        ...span,
        text: { type: 'string' }, speaker: nullableString, cue: nullableString,
        reportedBy: { type: 'array', items: { type: 'string' }, description: 'Chain of reporting, outermost first.' },
        kind: { enum: ['direct', 'partial', 'reported'] },
      },
    },
    DiffSpan: {
      type: 'object', required: ['op', 'start', 'end', 'sourceStart', 'sourceEnd', 'text', 'sourceText'],
      properties: {
        op: { enum: ['equal', 'substituted', 'deleted', 'inserted'] },
        ...span,
        sourceStart: { type: 'integer', minimum: 0 }, sourceEnd: { type: 'integer', minimum: 0 },
        text: { type: 'string' }, sourceText: { type: 'string' },
      },
    },
    ProvenanceMatch: {
      type: 'object', required: ['id', 'url', 'title', 'published', 'score', 'verdict', 'direction', 'diff'],
      properties: {
        id: { type: 'string' }, url: nullableString, title: nullableString, published: nullableString,
        score: { type: 'number' },
        verdict: { enum: ['verbatim', 'spun', 'partial', 'same-story', 'unrelated'] },
        direction: {
          type: 'object', required: ['verdict', 'evidence'],
          properties: {
            verdict: { enum: ['query-copies-match', 'match-copies-query', 'unknown'] },
            evidence: { type: 'array', items: { type: 'string' } },
          },
        },
        diff: { type: 'array', items: { $ref: '#/$defs/DiffSpan' } },
      },
    },
  },
} as const;
