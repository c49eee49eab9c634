// Shared parts of the engine benchmark: the diagram (service tasks in
// sequence) and the job workers that complete its tasks.
import type { SijillCamundaClient } from '../src/engine/sdk-client.ts';

/** Jobs each worker keeps in flight. */
export const maxParallelJobs = 32;

export function sequenceXml(taskCount: number): string {
  const tasks = Array.from({ length: taskCount }, (_, index) => `
    <bpmn:serviceTask id="task${index + 1}"><bpmn:extensionElements><zeebe:taskDefinition type="bench-step-${index + 1}" /></bpmn:extensionElements></bpmn:serviceTask>
    <bpmn:sequenceFlow id="flow${index + 1}" sourceRef="${index === 0 ? 'start' : `task${index}`}" targetRef="task${index + 1}" />`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="bench" targetNamespace="https://sijill.example/bench">
  <bpmn:process id="bench-sequence" isExecutable="true">
    <bpmn:startEvent id="start" />${tasks}
    <bpmn:sequenceFlow id="flowEnd" sourceRef="task${taskCount}" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;
}

/** Starts one worker per task type; each completes its job with one variable. */
export function startBenchWorkers(client: SijillCamundaClient, taskCount: number): void {
  for (let index = 1; index <= taskCount; index++) {
    client.createJobWorker({
      jobType: `bench-step-${index}`,
      maxParallelJobs,
      jobTimeoutMs: 60_000,
      pollTimeoutMs: 5_000,
      jobHandler: (job) => job.complete({ [`step${index}`]: true }),
    });
  }
}
