// Types for the part of bpmn-moddle's API Sijill calls; the package ships
// types for its model (bpmn-moddle/types) but not for the class.
declare module 'bpmn-moddle' {
  import type { BpmnElement } from './model.ts';

  export interface ParseResult {
    rootElement: BpmnElement;
    warnings: { message: string }[];
  }

  export class BpmnModdle {
    constructor(extensions?: Record<string, object>);
    fromXML(xml: string, typeName?: string): Promise<ParseResult>;
    toXML(element: BpmnElement, options?: { format?: boolean }): Promise<{ xml: string }>;
    create(type: string, attributes?: Record<string, unknown>): BpmnElement;
  }
}
