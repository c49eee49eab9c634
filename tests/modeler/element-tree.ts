// A canonical, comparable form of a bpmn-moddle element tree, for round-trip
// tests: every element with its type, id, attributes (known and unknown),
// extension elements and diagram interchange (shapes, edges, bounds,
// waypoints). References become '#id' so the form has no cycles. Two parses
// of the same diagram give equal trees however the XML was formatted.
import { createBpmnModdle } from '../../src/bpmn-lint/moddle.ts';

export type TreeValue = string | number | boolean | null | TreeValue[] | { [key: string]: TreeValue };

interface PropertyDescriptor {
  name: string;
  isReference?: boolean;
  isMany?: boolean;
}

interface ModdleLike {
  $type: string;
  $attrs?: Record<string, unknown>;
  $descriptor?: { properties?: PropertyDescriptor[] };
  [key: string]: unknown;
}

function isModdleElement(value: unknown): value is ModdleLike {
  return typeof value === 'object' && value !== null && typeof (value as { $type?: unknown }).$type === 'string';
}

function localName(qualifiedName: string): string {
  return qualifiedName.slice(qualifiedName.indexOf(':') + 1);
}

function referenceId(value: unknown): string {
  return isModdleElement(value) && typeof value['id'] === 'string' ? `#${value['id']}` : '#?';
}

function canonicalValue(value: unknown, isReference: boolean): TreeValue | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) {
    if (value.length === 0) return undefined;
    const items = value.map((item) => canonicalValue(item, isReference) ?? null);
    return isReference ? items : sortedById(items);
  }
  if (isModdleElement(value)) return isReference ? referenceId(value) : canonicalElement(value);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
  return String(value);
}

/**
 * Sorts contained elements by id when every one has an id. BPMN gives no
 * meaning to the order of such collections (flow elements, DI shapes and
 * edges), and bpmn-js rewrites DI in drawing order. Collections whose order
 * matters (waypoints, zeebe input and output mappings) have no ids and keep it.
 */
function sortedById(items: TreeValue[]): TreeValue[] {
  const ids = items.map((item) => (item !== null && typeof item === 'object' && !Array.isArray(item) && typeof item['id'] === 'string' ? item['id'] : undefined));
  if (ids.some((id) => id === undefined)) return items;
  return items.map((item, index) => ({ item, id: ids[index] ?? '' })).sort((a, b) => a.id.localeCompare(b.id)).map(({ item }) => item);
}

/** Canonical form of one element and everything it contains. */
export function canonicalElement(element: ModdleLike): { [key: string]: TreeValue } {
  const result: { [key: string]: TreeValue } = { $type: element.$type };

  // Namespace declarations may be renamed, and an xsi:type that repeats the element's own type is dropped on export.
  const attributes = Object.entries(element.$attrs ?? {}).filter(
    ([name, value]) => !name.startsWith('xmlns') && !(name === 'xsi:type' && localName(String(value)) === localName(element.$type)),
  );
  if (attributes.length > 0) result['$attrs'] = Object.fromEntries(attributes.sort().map(([name, value]) => [name, String(value)]));

  const descriptors = element.$descriptor?.properties ?? [];
  const known = new Set<string>();
  for (const descriptor of descriptors) {
    known.add(descriptor.name);
    const value = canonicalValue(element[descriptor.name], descriptor.isReference === true);
    if (value !== undefined) result[descriptor.name] = value;
  }

  // Elements of namespaces moddle does not know keep their content in own keys ($body, $children, attributes).
  for (const key of Object.keys(element).sort()) {
    if (known.has(key) || key === '$type' || key === '$parent' || key === '$attrs') continue;
    const value = canonicalValue(element[key], false);
    if (value !== undefined) result[key] = value;
  }
  return result;
}

/** Ids of every element in a canonical tree, in document order. */
export function collectIds(tree: TreeValue, ids: string[] = []): string[] {
  if (Array.isArray(tree)) {
    for (const item of tree) collectIds(item, ids);
  } else if (tree !== null && typeof tree === 'object') {
    if (typeof tree['id'] === 'string') ids.push(tree['id']);
    for (const [key, value] of Object.entries(tree)) if (key !== '$attrs') collectIds(value, ids);
  }
  return ids;
}

export async function parseToTree(xml: string): Promise<{ [key: string]: TreeValue }> {
  const { rootElement } = await createBpmnModdle().fromXML(xml, 'bpmn:Definitions');
  return canonicalElement(rootElement as unknown as ModdleLike);
}

/** Every `id="…"` attribute in the XML text: the elements a lossless round trip must keep. */
export function idsInXml(xml: string): string[] {
  return [...xml.matchAll(/\sid="([^"]*)"/g)].map((match) => match[1] ?? '');
}

/**
 * Lists what `actual` lost or changed from `expected`, as paths; additions
 * are allowed. bpmn-js adds to what it saves (isMarkerVisible="true" on
 * exclusive gateways, an empty drill-down diagram per collapsed sub-process)
 * but must not drop or alter anything. Elements in lists are matched by id,
 * or by position when they have none.
 */
export function findLosses(expected: TreeValue, actual: TreeValue | undefined, path = '$'): string[] {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: list lost`];
    return expected.flatMap((item, index) => {
      const id = isTreeObject(item) && typeof item['id'] === 'string' ? item['id'] : undefined;
      const match = id === undefined ? actual[index] : actual.find((candidate) => isTreeObject(candidate) && candidate['id'] === id);
      return findLosses(item, match, `${path}[${id ?? index}]`);
    });
  }
  if (isTreeObject(expected)) {
    if (!isTreeObject(actual)) return [`${path}: element lost`];
    return Object.keys(expected).flatMap((key) => findLosses(expected[key] ?? null, actual[key], `${path}.${key}`));
  }
  return expected === actual ? [] : [`${path}: ${JSON.stringify(expected)} became ${JSON.stringify(actual)}`];
}

function isTreeObject(value: TreeValue | undefined): value is { [key: string]: TreeValue } {
  return value !== null && value !== undefined && typeof value === 'object' && !Array.isArray(value);
}
