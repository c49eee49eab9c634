// JSON schema pieces shared by the Camunda REST routes. Keys are decimal
// strings; filters accept a plain value or Camunda's advanced form { $eq }.
export const keyParam = {
  type: 'object',
  required: ['key'],
  properties: { key: { type: 'string', pattern: '^[0-9]{1,19}$' } },
} as const;

export const variablesSchema = { type: ['object', 'null'], additionalProperties: true } as const;

export const pageSchema = {
  type: 'object',
  properties: {
    from: { type: 'integer', minimum: 0 },
    limit: { type: 'integer', minimum: 1, maximum: 10_000 },
  },
} as const;

export const filterValue = {
  anyOf: [{ type: 'string' }, { type: 'integer' }, { type: 'object', properties: { $eq: { anyOf: [{ type: 'string' }, { type: 'integer' }] } } }],
} as const;

/** Reads a filter value given plainly or as { $eq: value }. */
export function filterEquals(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'object' && '$eq' in value) return filterEquals((value as { $eq: unknown }).$eq);
  return String(value);
}
