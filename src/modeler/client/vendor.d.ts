// Types for the browser packages the modeler uses that ship none: only the
// parts Sijill calls. bpmn-js and diagram-js ship their own.

declare module '*.css';

/** A didi module definition: services by name, as bpmn-js `additionalModules` takes them. */
type DidiModule = Record<string, unknown>;

declare module 'bpmn-js-properties-panel' {
  export const BpmnPropertiesPanelModule: DidiModule;
  export const BpmnPropertiesProviderModule: DidiModule;
  export const ZeebePropertiesProviderModule: DidiModule;
  export function useService<T>(name: string): T;
}

declare module '@bpmn-io/properties-panel' {
  export interface SelectOption {
    value: string;
    label: string;
  }
  export interface SelectEntryProps<E> {
    element: E;
    id: string;
    label: string;
    description?: string;
    getValue(element: E): string;
    setValue(value: string): void;
    getOptions(element: E): SelectOption[];
  }
  export function SelectEntry<E>(props: SelectEntryProps<E>): unknown;
  export function isSelectEntryEdited(node: unknown): boolean;
}

declare module 'camunda-bpmn-js-behaviors/lib/camunda-cloud/index.js' {
  const behaviorsModule: DidiModule;
  export default behaviorsModule;
}
