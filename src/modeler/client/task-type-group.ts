// A properties panel group, first on service tasks, with a dropdown
// of the task types Sijill's workers implement (the server passes the list).
// It writes zeebe:taskDefinition type, the same attribute the Zeebe "Task
// definition" group edits as free text, creating the extension elements when
// the task has none.
import { SelectEntry, isSelectEntryEdited, type SelectEntryProps, type SelectOption } from '@bpmn-io/properties-panel';
import type { ComponentType } from '@bpmn-io/properties-panel/preact';
import { jsx } from '@bpmn-io/properties-panel/preact/jsx-runtime';
import { useService } from 'bpmn-js-properties-panel';
import type { TextParams } from './config.ts';

export interface SijillModelerConfig {
  knownTaskTypes: string[];
  text: (key: string, params?: TextParams) => string;
}

/** The part of a bpmn-moddle element this group reads and writes. */
interface ModdleNode {
  $type: string;
  $parent?: ModdleNode;
  type?: string;
  values?: ModdleNode[];
  extensionElements?: ModdleNode;
}

interface DiagramElement {
  id: string;
  type: string;
  businessObject: ModdleNode;
}

interface Group {
  id: string;
  label: string;
  /** Whether the group starts expanded; the properties panel remembers the analyst's choice after that. */
  shouldOpen?: boolean;
  entries: { id: string; component: (props: { element: DiagramElement; id: string }) => unknown; isEdited: (node: unknown) => boolean }[];
}

interface BpmnFactory {
  create(type: string, attributes?: Record<string, unknown>): ModdleNode;
}

interface CommandStack {
  execute(command: string, context: unknown): void;
}

interface PropertiesPanel {
  registerProvider(priority: number, provider: { getGroups(element: DiagramElement): (groups: Group[]) => Group[] }): void;
}

const jobWorkerElementTypes = ['bpmn:ServiceTask'];

function taskDefinitionOf(task: ModdleNode): ModdleNode | undefined {
  return task.extensionElements?.values?.find((value) => value.$type === 'zeebe:TaskDefinition');
}

function TaskTypeEntry(props: { element: DiagramElement; id: string }): unknown {
  const { element, id } = props;
  const config = useService<SijillModelerConfig>('config.sijill');
  const bpmnFactory = useService<BpmnFactory>('bpmnFactory');
  const commandStack = useService<CommandStack>('commandStack');

  const getValue = (target: DiagramElement): string => taskDefinitionOf(target.businessObject)?.type ?? '';

  const getOptions = (target: DiagramElement): SelectOption[] => {
    const options: SelectOption[] = [{ value: '', label: config.text('modeler.sijill.task_type_none') }];
    for (const type of config.knownTaskTypes) {
      const label = config.text(`modeler.task_type.${type}`);
      options.push({ value: type, label: label.startsWith('modeler.') ? type : `${label} (${type})` });
    }
    const current = getValue(target);
    if (current !== '' && !config.knownTaskTypes.includes(current)) {
      options.push({ value: current, label: config.text('modeler.sijill.task_type_other', { type: current }) });
    }
    return options;
  };

  const setValue = (value: string): void => {
    const task = element.businessObject;
    const commands: { cmd: string; context: Record<string, unknown> }[] = [];
    let extensionElements = task.extensionElements;
    if (!extensionElements) {
      extensionElements = bpmnFactory.create('bpmn:ExtensionElements', { values: [] });
      extensionElements.$parent = task;
      commands.push({ cmd: 'element.updateModdleProperties', context: { element, moddleElement: task, properties: { extensionElements } } });
    }
    const definition = taskDefinitionOf(task);
    const type = value === '' ? undefined : value;
    if (definition) {
      commands.push({ cmd: 'element.updateModdleProperties', context: { element, moddleElement: definition, properties: { type } } });
    } else if (type !== undefined) {
      const created = bpmnFactory.create('zeebe:TaskDefinition', { type });
      created.$parent = extensionElements;
      const values = [...(extensionElements.values ?? []), created];
      commands.push({ cmd: 'element.updateModdleProperties', context: { element, moddleElement: extensionElements, properties: { values } } });
    }
    if (commands.length > 0) commandStack.execute('properties-panel.multi-command-executor', commands);
  };

  return jsx(SelectEntry as ComponentType<SelectEntryProps<DiagramElement>>, {
    element,
    id,
    label: config.text('modeler.sijill.task_type'),
    description: config.text('modeler.sijill.task_type_help'),
    getValue,
    setValue,
    getOptions,
  });
}

class SijillTaskTypeProvider {
  static $inject = ['propertiesPanel', 'config.sijill'];
  private readonly config: SijillModelerConfig;

  constructor(propertiesPanel: PropertiesPanel, config: SijillModelerConfig) {
    this.config = config;
    propertiesPanel.registerProvider(400, this);
  }

  getGroups(element: DiagramElement): (groups: Group[]) => Group[] {
    return (groups) => {
      if (!jobWorkerElementTypes.includes(element.type)) return groups;
      const group: Group = {
        id: 'sijill-task',
        label: this.config.text('modeler.sijill.group'),
        shouldOpen: true,
        entries: [{ id: 'sijillTaskType', component: TaskTypeEntry, isEdited: isSelectEntryEdited }],
      };
      const generalIndex = groups.findIndex((candidate) => candidate.id === 'general');
      return [...groups.slice(0, generalIndex + 1), group, ...groups.slice(generalIndex + 1)];
    };
  }
}

export const sijillTaskTypeModule = {
  __init__: ['sijillTaskTypeProvider'],
  sijillTaskTypeProvider: ['type', SijillTaskTypeProvider],
};
