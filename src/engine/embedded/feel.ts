// FEEL expressions in zeebe's conventions: a value that starts with '=' is a
// FEEL expression (evaluated by feelin), anything else is a literal. Input
// and output mappings, gateway conditions, timer dates and correlation keys
// all go through evaluateExpression.
import { evaluate } from 'feelin';
import type { Variables } from '../port.ts';
import type { Mapping } from './model.ts';

/** Thrown when a FEEL expression does not parse or evaluate; the step raises an incident. */
export class ExpressionError extends Error {
  override name = 'ExpressionError';
}

export function isFeel(value: string): boolean {
  return value.startsWith('=');
}

/** Evaluates `=expr` against the variables; returns other strings unchanged. */
export function evaluateExpression(expression: string, variables: Variables): unknown {
  if (!isFeel(expression)) return expression;
  return evaluateFeel(expression.slice(1), variables);
}

export function evaluateFeel(expression: string, variables: Variables): unknown {
  let value: unknown;
  try {
    value = evaluate(expression, variables).value;
  } catch (error) {
    throw new ExpressionError(`FEEL expression "${expression}" failed: ${(error as Error).message}`, { cause: error });
  }
  return toJson(value);
}

/** Turns FEEL temporal values (date, time, duration) into their ISO-8601 strings. */
function toJson(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(toJson);
  const prototype = Object.getPrototypeOf(value) as object | null;
  if (prototype !== Object.prototype && prototype !== null) return String(value);
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, toJson(entry)]));
}

/**
 * Evaluates mappings in order against `variables` and returns the targets.
 * A mapping source without '=' is read as a FEEL path, as zeebe does.
 */
export function applyMappings(mappings: Mapping[], variables: Variables): Variables {
  const result: Variables = {};
  for (const mapping of mappings) {
    const source = isFeel(mapping.source) ? mapping.source.slice(1) : mapping.source;
    const value = evaluateFeel(source, { ...variables, ...result });
    setPath(result, mapping.target, value);
  }
  return result;
}

/** Sets `a.b.c` in an object, creating the objects on the way. */
function setPath(target: Variables, path: string, value: unknown): void {
  const parts = path.split('.');
  let current: Record<string, unknown> = target;
  for (const part of parts.slice(0, -1)) {
    const next = current[part];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) current[part] = {};
    current = current[part] as Record<string, unknown>;
  }
  current[parts[parts.length - 1] ?? path] = value;
}

/** Returns whether a condition value counts as true (FEEL: only `true`). */
export function isTrue(value: unknown): boolean {
  return value === true;
}
