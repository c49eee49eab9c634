// Deployment: every resource is parsed and checked before anything is
// stored. Then each process gets the next version of its bpmnProcessId, or
// keeps its latest version when the XML is byte-for-byte the same.
import { createHash } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { findLatestDefinition, insertDefinition, lockProcessId, type DefinitionRow } from '../../db/engine/definitions.ts';
import { DeploymentRejectedError, type DeployResource } from '../port.ts';
import { planPlainHops } from './hops.ts';
import { listProcesses, parseDiagram, readProcessModel, type ModdleElement } from './model.ts';
import { serializeModel, type CompiledProcess } from './runtime.ts';
import { checkProcess, type Problem } from './validate.ts';

/** Parses and checks one resource; throws DeploymentRejectedError naming each element the engine cannot run. */
export async function checkResource(resource: DeployResource): Promise<string[]> {
  let definitions: ModdleElement;
  try {
    definitions = (await parseDiagram(resource.xml)).definitions;
  } catch (error) {
    throw new DeploymentRejectedError(resource.name, [{ elementId: resource.name, message: `not a BPMN 2.0 XML file: ${(error as Error).message}` }]);
  }
  const processes = listProcesses(definitions);
  if (processes.length === 0) {
    throw new DeploymentRejectedError(resource.name, [{ elementId: definitions.id ?? resource.name, message: 'bpmn:Definitions contains no bpmn:Process' }]);
  }
  const problems: Problem[] = processes.flatMap((process) => checkProcess(process));
  if (problems.length > 0) throw new DeploymentRejectedError(resource.name, problems);
  return processes.map((process) => process.id ?? '');
}

export async function deployResources(db: Db, resources: DeployResource[]): Promise<DefinitionRow[]> {
  const checked: { resource: DeployResource; processIds: string[] }[] = [];
  for (const resource of resources) checked.push({ resource, processIds: await checkResource(resource) });
  const checksumOf = (xml: string): string => createHash('sha256').update(xml).digest('hex');
  return db.transaction(async (tx) => {
    const deployed: DefinitionRow[] = [];
    for (const { resource, processIds } of checked) {
      const checksum = checksumOf(resource.xml);
      for (const bpmnProcessId of processIds) {
        await lockProcessId(tx, bpmnProcessId);
        const latest = await findLatestDefinition(tx, bpmnProcessId);
        if (latest && latest.checksum === checksum) {
          deployed.push(latest);
          continue;
        }
        deployed.push(await insertDefinition(tx, { bpmnProcessId, resourceName: resource.name, xml: resource.xml, checksum }));
      }
    }
    return deployed;
  });
}

/** Builds the runnable form of one deployed process from its XML. */
export async function compileProcess(definition: DefinitionRow, xml: string): Promise<CompiledProcess> {
  const parsed = await parseDiagram(xml);
  const process = listProcesses(parsed.definitions).find((candidate) => candidate.id === definition.bpmnProcessId);
  if (!process) throw new Error(`process ${definition.bpmnProcessId} is missing from the XML of definition ${definition.key}`);
  // bpmn-engine starts every executable process of the definitions and ignores
  // the processId option of execute (bpmn-engine 25), so the others are hidden.
  for (const other of listProcesses(parsed.definitions)) if (other !== process) other.isExecutable = false;
  const model = readProcessModel(process);
  planPlainHops(model);
  return {
    definitionKey: definition.key,
    bpmnProcessId: definition.bpmnProcessId,
    version: definition.version,
    model,
    sourceContext: serializeModel(parsed.moddleContext),
  };
}
