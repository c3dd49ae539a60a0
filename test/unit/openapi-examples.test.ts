import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import document from '../../openapi.json';

// Every example in openapi.json must validate against its own schema, or the reference and the SDKs teach
// users a request the service refuses. OpenAPI 3.1 schemas are JSON Schema 2020-12, so ajv's 2020 draft
// checks them as they stand, with each `$ref` resolved against the document's components.

interface Schema {
  [key: string]: unknown;
}
interface Example {
  /** Where the example sits, as a JSON Pointer into openapi.json. */
  at: string;
  /** Where its schema sits. */
  schema: string;
  value: unknown;
}

const DOC_ID = 'openapi.json';
// `validateFormats: false`: `format` (only `date` here) is an annotation in 2020-12 unless a vocabulary asserts it.
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema(document, DOC_ID, undefined, false);

const escapeToken = (token: string) => token.replaceAll('~', '~0').replaceAll('/', '~1');
const isObject = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Schema-level `example`s, wherever they sit inside a schema (properties, items, anyOf branches…). */
function schemaExamples(schema: unknown, at: string, out: Example[]): void {
  if (Array.isArray(schema)) {
    schema.forEach((item, i) => schemaExamples(item, `${at}/${i}`, out));
    return;
  }
  if (!isObject(schema)) return;
  if ('example' in schema) out.push({ at: `${at}/example`, schema: at, value: schema.example });
  for (const [key, child] of Object.entries(schema)) {
    // `example`, `enum` and `const` hold data, not schemas; `properties` holds a map of schemas.
    if (key === 'example' || key === 'examples' || key === 'enum' || key === 'const') continue;
    if (key === 'properties' && isObject(child)) {
      for (const [name, property] of Object.entries(child))
        schemaExamples(property, `${at}/properties/${escapeToken(name)}`, out);
    } else schemaExamples(child, `${at}/${escapeToken(key)}`, out);
  }
}

/** Media-type `example` and `examples[*].value`, and the schema-level examples inside their schemas. */
function mediaExamples(content: unknown, at: string, out: Example[]): void {
  if (!isObject(content)) return;
  for (const [mediaType, media] of Object.entries(content)) {
    if (!isObject(media)) continue;
    const where = `${at}/${escapeToken(mediaType)}`;
    if ('example' in media) out.push({ at: `${where}/example`, schema: `${where}/schema`, value: media.example });
    if (isObject(media.examples)) {
      for (const [name, example] of Object.entries(media.examples)) {
        if (isObject(example) && 'value' in example)
          out.push({
            at: `${where}/examples/${escapeToken(name)}/value`,
            schema: `${where}/schema`,
            value: example.value,
          });
      }
    }
    schemaExamples(media.schema, `${where}/schema`, out);
  }
}

function allExamples(): Example[] {
  const out: Example[] = [];
  for (const [name, schema] of Object.entries(document.components.schemas))
    schemaExamples(schema, `#/components/schemas/${escapeToken(name)}`, out);
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item as Record<string, Schema>)) {
      const at = `#/paths/${escapeToken(path)}/${method}`;
      const parameters = (operation.parameters ?? []) as Schema[];
      parameters.forEach((parameter, i) => {
        if ('example' in parameter)
          out.push({
            at: `${at}/parameters/${i}/example`,
            schema: `${at}/parameters/${i}/schema`,
            value: parameter.example,
          });
        schemaExamples(parameter.schema, `${at}/parameters/${i}/schema`, out);
      });
      mediaExamples((operation.requestBody as Schema | undefined)?.content, `${at}/requestBody/content`, out);
      for (const [status, response] of Object.entries((operation.responses ?? {}) as Record<string, Schema>)) {
        mediaExamples(response.content, `${at}/responses/${status}/content`, out);
      }
    }
  }
  return out;
}

function validate(example: Example): string[] {
  const check = ajv.compile({ $ref: `${DOC_ID}${example.schema}` });
  if (check(example.value)) return [];
  return (check.errors ?? []).map(
    (e) => `${e.instancePath || '(root)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
  );
}

const examples = allExamples();

describe('openapi.json examples', () => {
  it('finds the examples, and a whole 200 answer as an example of every operation', () => {
    // Guards the walk itself: a bug that found nothing would make every test below pass vacuously.
    expect(examples.length).toBeGreaterThan(100);
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(
        item as Record<string, { responses: Record<string, { content?: Record<string, Schema> }> }>,
      )) {
        // at the media type: the examples of single fields inside the schema do not show a whole answer
        const media = Object.values(operation.responses['200']?.content ?? {});
        expect(
          media.some((m) => 'example' in m || 'examples' in m),
          `${method.toUpperCase()} ${path} has a 200 example`,
        ).toBe(true);
      }
    }
  });

  it.each(examples.map((e) => [e.at, e] as const))('%s validates against its schema', (_at, example) => {
    expect(validate(example)).toEqual([]);
  });

  it('refuses an example that does not match its schema (the validator is really checking)', () => {
    const wrong: Example = {
      at: 'test',
      schema: '#/components/schemas/Problem',
      value: { type: '/problems/validation', title: 'Invalid input', status: '422' },
    };
    expect(validate(wrong).length).toBeGreaterThan(0);
  });
});
