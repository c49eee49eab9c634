// Every worker Sijill runs, by task type. tests/contract/task-types.test.ts
// checks that each task type in bpmn/ has a worker here and each worker is used.
import type { WorkerDefinition } from './definition.ts';
import { digitizeWorker } from './digitize/handler.ts';
import { issueResultWorker } from './issue-result/handler.ts';
import { notifyWorker } from './notify/handler.ts';
import { receiveWorker } from './receive/handler.ts';
import { sealWorker } from './seal/handler.ts';
import { verifyWorker } from './verify/handler.ts';

export const workerDefinitions: WorkerDefinition[] = [
  receiveWorker,
  verifyWorker,
  digitizeWorker,
  sealWorker,
  issueResultWorker,
  notifyWorker,
];

export const workerTypes = workerDefinitions.map((definition) => definition.type);
