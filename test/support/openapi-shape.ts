/**
 * A small checker of real answers against the response schemas of the API's own OpenAPI document, so that a
 * documented schema that drifts from what a route really returns fails a test (the web app's client is generated
 * from these schemas). It checks types, required and unknown properties, nullability, enums, arrays and $refs.
 */
export interface OpenApiSchema {
  $ref?: string;
  type?: string;
  nullable?: boolean;
  enum?: unknown[];
  items?: OpenApiSchema;
  properties?: Record<string, OpenApiSchema>;
  required?: string[];
  additionalProperties?: boolean | OpenApiSchema;
  allOf?: OpenApiSchema[];
  oneOf?: OpenApiSchema[];
  anyOf?: OpenApiSchema[];
  format?: string;
}

export interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { responses?: Record<string, { content?: Record<string, { schema?: OpenApiSchema }> }> }>
  >;
  components: { schemas: Record<string, OpenApiSchema> };
}

/** Every mismatch between `value` and `schema`, as `path: problem` lines (empty when it matches). */
export function schemaMismatches(
  document: OpenApiDocument,
  schema: OpenApiSchema,
  value: unknown,
  path = '$',
): string[] {
  if (schema.$ref) {
    const name = schema.$ref.split('/').pop()!;
    const target = document.components.schemas[name];
    if (!target) return [`${path}: unknown schema ${name}`];
    return schemaMismatches(document, target, value, path);
  }
  // `type: () => X, nullable: true` is written as {nullable: true, allOf: [{$ref}]}: null is allowed before the parts.
  if (value === null && schema.nullable) return [];
  if (schema.allOf) return schema.allOf.flatMap((part) => schemaMismatches(document, part, value, path));
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives) {
    const results = alternatives.map((part) => schemaMismatches(document, part, value, path));
    return results.some((problems) => problems.length === 0)
      ? []
      : [`${path}: matches none of the alternatives`];
  }
  if (value === null) return schema.nullable ? [] : [`${path}: null but not nullable`];
  if (schema.enum && !schema.enum.includes(value)) return [`${path}: ${JSON.stringify(value)} not in enum`];
  switch (schema.type) {
    case 'string':
      return typeof value === 'string' ? [] : [`${path}: expected a string, got ${typeof value}`];
    case 'integer':
      return Number.isInteger(value) ? [] : [`${path}: expected an integer, got ${JSON.stringify(value)}`];
    case 'number':
      return typeof value === 'number' ? [] : [`${path}: expected a number, got ${typeof value}`];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${path}: expected a boolean, got ${typeof value}`];
    case 'array':
      if (!Array.isArray(value)) return [`${path}: expected an array`];
      return schema.items
        ? value.flatMap((item, index) => schemaMismatches(document, schema.items!, item, `${path}[${index}]`))
        : [];
    case 'object':
    case undefined: {
      if (typeof value !== 'object' || Array.isArray(value)) {
        return schema.type === 'object' ? [`${path}: expected an object`] : [];
      }
      const record = value as Record<string, unknown>;
      const properties = schema.properties ?? {};
      const problems: string[] = [];
      for (const name of schema.required ?? [])
        if (!(name in record)) problems.push(`${path}.${name}: required but missing`);
      for (const [name, item] of Object.entries(record)) {
        const property = properties[name];
        if (property) problems.push(...schemaMismatches(document, property, item, `${path}.${name}`));
        else if (typeof schema.additionalProperties === 'object')
          problems.push(...schemaMismatches(document, schema.additionalProperties, item, `${path}.${name}`));
        else if (schema.properties && schema.additionalProperties !== true)
          problems.push(`${path}.${name}: not in the schema`);
      }
      return problems;
    }
    default:
      return [];
  }
}

/** The schema of a route's 2xx JSON answer: `responseSchema(doc, 'get', '/api/v1/innovations/{id}')`. */
export function responseSchema(document: OpenApiDocument, method: string, path: string): OpenApiSchema {
  const responses = document.paths[path]?.[method]?.responses ?? {};
  const ok = Object.entries(responses).find(([status]) => status.startsWith('2'));
  const schema = ok?.[1].content?.['application/json']?.schema;
  if (!schema) throw new Error(`${method.toUpperCase()} ${path} documents no JSON answer`);
  return schema;
}
