import { expect, test } from '@jest/globals';
import { toActivatedJob, toInstanceView, toProcessDefinition, toUserTask, toUserTaskState } from '../../src/engine/camunda8/mapping.ts';

test('job mapping keeps keys as strings', () => {
  const job = toActivatedJob({
    jobKey: '2251799813685300', type: 'verify', processInstanceKey: '2251799813685290', processDefinitionKey: '2251799813685250',
    processDefinitionId: 'BL-01', processDefinitionVersion: 3, elementId: 'verify', elementInstanceKey: '2251799813685299',
    customHeaders: { unit: 'city/commerce', attempt: 2 }, worker: 'w1', retries: 2, deadline: 1733300000000n, variables: { dossierId: 'D-1' },
  });
  expect(job).toEqual({
    jobKey: '2251799813685300', type: 'verify', processInstanceKey: '2251799813685290', processDefinitionKey: '2251799813685250',
    bpmnProcessId: 'BL-01', processDefinitionVersion: 3, elementId: 'verify', elementInstanceKey: '2251799813685299',
    customHeaders: { unit: 'city/commerce', attempt: '2' }, worker: 'w1', retries: 2, deadline: 1733300000000, variables: { dossierId: 'D-1' },
  });
});

test('user task states map to port states', () => {
  expect(toUserTaskState('CREATED')).toBe('CREATED');
  expect(toUserTaskState('ASSIGNING')).toBe('CREATED');
  expect(toUserTaskState('COMPLETED')).toBe('COMPLETED');
  expect(toUserTaskState('CANCELED')).toBe('CANCELED');
  expect(toUserTaskState('FAILED')).toBe('CANCELED');
});

test('user task mapping fills missing fields', () => {
  const task = toUserTask({ userTaskKey: '7', elementId: 'review', candidateGroups: ['officers'], state: 'CREATED', creationDate: '2026-01-01T00:00:00.000Z' });
  expect(task.userTaskKey).toBe('7');
  expect(task.name).toBe('review');
  expect(task.assignee).toBeNull();
  expect(task.formKey).toBeNull();
  expect(task.candidateGroups).toEqual(['officers']);
  expect(task.completedAt).toBeNull();
});

test('instance mapping reads state and dates', () => {
  const view = toInstanceView({
    processInstanceKey: '9', processDefinitionKey: '8', processDefinitionId: 'BL-01', processDefinitionVersion: 1,
    state: 'COMPLETED', startDate: '2026-01-01T00:00:00.000Z', endDate: '2026-01-02T00:00:00.000Z', hasIncident: false,
  });
  expect(view.state).toBe('COMPLETED');
  expect(view.endedAt).toBe('2026-01-02T00:00:00.000Z');
  expect(view.bpmnProcessId).toBe('BL-01');
});

test('deployment mapping names the process', () => {
  expect(toProcessDefinition({ processDefinitionKey: '5', processDefinitionId: 'RC-02', processDefinitionVersion: 2, resourceName: 'RC-02.bpmn' }))
    .toEqual({ processDefinitionKey: '5', bpmnProcessId: 'RC-02', version: 2, resourceName: 'RC-02.bpmn' });
});
