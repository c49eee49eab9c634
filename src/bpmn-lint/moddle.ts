// A bpmn-moddle instance with the Zeebe extension schema (zeebe:taskDefinition,
// zeebe:assignmentDefinition, zeebe:properties…), for Node.
import { createRequire } from 'node:module';
import { BpmnModdle } from 'bpmn-moddle';
import type { BpmnElement } from './model.ts';

const require = createRequire(import.meta.url);
const zeebeSchema = require('zeebe-bpmn-moddle/resources/zeebe.json') as object;

export interface ParsedDiagram {
  definitions: BpmnElement;
  /** bpmn-moddle's import warnings: unknown elements, unresolved references. */
  warnings: string[];
}

export function createBpmnModdle(): BpmnModdle {
  return new BpmnModdle({ zeebe: zeebeSchema });
}

/** Parses BPMN 2.0 XML; rejects when the XML is not well formed or its root is not bpmn:Definitions. */
export async function parseDiagram(xml: string, moddle = createBpmnModdle()): Promise<ParsedDiagram> {
  const result = await moddle.fromXML(xml, 'bpmn:Definitions');
  return { definitions: result.rootElement, warnings: result.warnings.map((warning) => warning.message) };
}

export async function serializeDiagram(definitions: BpmnElement, moddle: BpmnModdle): Promise<string> {
  const { xml } = await moddle.toXML(definitions, { format: true });
  return xml;
}
