/**
 * The OpenAPI 3.1 document served at /v1/openapi.json. The report schema is the same object the
 * JSON output is tested against (src/report/schema.ts), with its $defs moved to components.
 */
import { reportJsonSchema } from '../report/schema.js';
import { VERSION } from '../version.js';

function reportComponents(): Record<string, unknown> {
  // Rewrite the schema's internal refs to component refs; one serialisation round trip does it.
  const json = JSON.stringify(reportJsonSchema).replaceAll('"#/$defs/', '"#/components/schemas/');
  const { $defs, $schema: _s, $id: _i, ...report } = JSON.parse(json) as Record<string, unknown> & { $defs: Record<string, unknown> };
  return { Report: report, ...$defs };
}

const pageRequest = {
  type: 'object',
  description: 'Exactly one of url, html or text.',
  properties: {
    url: { type: 'string', format: 'uri', description: 'An http(s) page to fetch. Private, loopback and link-local addresses are refused unless the server runs with --allow-private.' },
    html: { type: 'string', description: 'The page\'s HTML.' },
    text: { type: 'string', description: 'Plain text; paragraphs separated by blank lines.' },
  },
  oneOf: [{ required: ['url'] }, { required: ['html'] }, { required: ['text'] }],
};

const indexRequest = {
  allOf: [{ $ref: '#/components/schemas/PageRequest' }],
  properties: {
    id: { type: 'string', description: 'Id to store the article under (default: its URL, else a hash of its text).' },
    title: { type: 'string' },
    published: { type: 'string', description: 'ISO 8601 date.' },
  },
};

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'status', 'message'],
      properties: {
        code: {
          enum: ['not_found', 'method_not_allowed', 'unsupported_media_type', 'empty_body', 'invalid_json', 'invalid_request',
            'payload_too_large', 'blocked_address', 'fetch_failed', 'unusable_input', 'no_index', 'database_error', 'resources_unavailable', 'timeout', 'busy', 'internal',
            'unauthorized', 'index_writes_disabled'],
        },
        status: { type: 'integer' },
        message: { type: 'string' },
      },
    },
  },
};

function errorResponses(extra: Record<string, string> = {}): Record<string, unknown> {
  const base: Record<string, string> = {
    400: 'Empty body, invalid JSON, or not exactly one of url/html/text (codes empty_body, invalid_json, invalid_request).',
    403: 'The URL resolves to a private, loopback, link-local or metadata address (blocked_address).',
    413: 'Body, fetched page or article text over its size limit (payload_too_large).',
    415: 'Content-Type is not application/json (unsupported_media_type).',
    422: 'The input holds no usable article, or the URL is malformed (unusable_input).',
    502: 'Fetching the URL failed (fetch_failed).',
    503: 'Busy: all analysis slots and the queue are taken (busy, with Retry-After), or the server\'s language resources are missing (resources_unavailable).',
    504: 'The request took longer than the server\'s time limit (timeout).',
    ...extra,
  };
  const out: Record<string, unknown> = {};
  for (const [status, description] of Object.entries(base)) {
    out[status] = {
      description,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      ...(status === '503' ? { headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds to wait.' } } } : {}),
    };
  }
  return out;
}

function post(summary: string, description: string, requestSchema: string, okSchema: Record<string, unknown>, extraErrors: Record<string, string> = {}, okStatus = '200'): Record<string, unknown> {
  return {
    post: {
      summary, description,
      requestBody: { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${requestSchema}` } } } },
      responses: { [okStatus]: { description: 'OK', content: { 'application/json': { schema: okSchema } } }, ...errorResponses(extraErrors) },
    },
  };
}

/** The operation, requiring the index token (optional on loopback servers without one: the empty requirement). */
function withBearerToken(path: Record<string, unknown>): Record<string, unknown> {
  const op = path.post as Record<string, unknown>;
  return { post: { ...op, security: [{ indexToken: [] }, {}] } };
}

export function openApiDocument(): Record<string, unknown> {
  const reportRef = { $ref: '#/components/schemas/Report' };
  return {
    openapi: '3.1.0',
    info: {
      title: 'unspin HTTP API',
      version: VERSION,
      description: 'Is a news page machine-spun, what did it originally say, where was it copied from, and who said what. Every finding is a span (UTF-16 offsets, end exclusive) over article.text.',
    },
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    paths: {
      '/v1/inspect': post('Full report', 'Extraction, spin detection, restoration, quotes and (when the server has an index) source tracing. Add ?format=html for a self-contained HTML report.', 'PageRequest', reportRef),
      '/v1/restore': post('Restore spun wording', 'Extraction, spin detection and restoration only.', 'PageRequest', {
        type: 'object', required: ['schemaVersion', 'article', 'spin', 'restoration', 'stages'],
        properties: {
          schemaVersion: { const: 1 }, article: { $ref: '#/components/schemas/Article' },
          spin: { oneOf: [{ type: 'null' }, { $ref: '#/components/schemas/SpinDetection' }] },
          restoration: { oneOf: [{ type: 'null' }, { $ref: '#/components/schemas/Restoration' }] },
          stages: { type: 'object' },
        },
      }),
      '/v1/detect': post('Score spinning without restoring', 'Extraction and spin detection only: the verdict, the spin score and the flagged words.', 'PageRequest', {
        type: 'object', required: ['schemaVersion', 'article', 'summary', 'spin', 'stages'],
        properties: {
          schemaVersion: { const: 1 }, article: { $ref: '#/components/schemas/Article' },
          summary: reportJsonSchema.properties.summary,
          spin: { oneOf: [{ type: 'null' }, { $ref: '#/components/schemas/SpinDetection' }] },
          stages: { type: 'object' },
        },
      }),
      '/v1/trace': post('Find the source in the index', 'Extraction and source tracing against the server\'s index.', 'PageRequest', {
        type: 'object', required: ['schemaVersion', 'article', 'provenance', 'stages'],
        properties: {
          schemaVersion: { const: 1 }, article: { $ref: '#/components/schemas/Article' },
          provenance: { oneOf: [{ type: 'null' }, { type: 'object', properties: { matches: { type: 'array', items: { $ref: '#/components/schemas/ProvenanceMatch' } } } }] },
          stages: { type: 'object' },
        },
      }, { 409: 'The server has no index (no_index).' }),
      '/v1/index': withBearerToken(post('Add an article to the index', 'Extracts the page and stores it with its fingerprints. A server started with UNSPIN_INDEX_TOKEN requires it as a bearer token; without one, only a server on a loopback address takes index writes.', 'IndexRequest', {
        type: 'object', required: ['id', 'status'],
        properties: { id: { type: 'string' }, status: { enum: ['added', 'updated', 'duplicate-id', 'duplicate-content'] }, existingId: { type: 'string' } },
      }, {
        401: 'Missing or wrong bearer token (unauthorized; with WWW-Authenticate).',
        403: 'The URL resolves to a private, loopback, link-local or metadata address (blocked_address), or the server takes no index writes: it listens on a public address and was started without UNSPIN_INDEX_TOKEN (index_writes_disabled).',
        409: 'The server has no index (no_index).',
      }, '201')),
      '/v1/openapi.json': { get: { summary: 'This document', responses: { 200: { description: 'OpenAPI 3.1', content: { 'application/json': {} } } } } },
    },
    components: {
      schemas: { PageRequest: pageRequest, IndexRequest: indexRequest, Error: errorSchema, ...reportComponents() },
      securitySchemes: { indexToken: { type: 'http', scheme: 'bearer', description: 'The token the server was started with (UNSPIN_INDEX_TOKEN).' } },
    },
  };
}
