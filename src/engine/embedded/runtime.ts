// One running process instance inside bpmn-engine. bpmn-engine executes the
// token flow (gateways, sub-processes, boundary events, end events); this
// module adapts it to a database-backed engine:
//   - service tasks wait like signal tasks: their job lives in PostgreSQL and
//     its completion signals the task;
//   - timers are never armed in memory: the Timers object records their due
//     time, the database keeps it, and fireTimer runs the recorded callback;
//   - expressions are FEEL (zeebe's '=expr') over the instance variables;
//   - events (wait, leave, end, error) are collected per step, and the caller
//     turns them into jobs, user tasks and subscriptions.
// Everything a step does inside bpmn-engine runs synchronously once the
// engine has been started or resumed, so a step ends when its call returns.
import { Engine } from 'bpmn-engine';
import * as Elements from 'bpmn-elements';
import serializeContext, { TypeResolver } from 'moddle-context-serializer';
import type { Variables } from '../port.ts';
import { applyMappings, evaluateExpression, isFeel } from './feel.ts';
import type { ProcessModel } from './model.ts';

const elementTypes: Record<string, unknown> = { ...Elements, ServiceTask: Elements.SignalTask };
const typeResolver = TypeResolver(elementTypes);

/** A deployed process ready to run: the engine's index and bpmn-engine's serialized model. */
export interface CompiledProcess {
  definitionKey: string;
  bpmnProcessId: string;
  version: number;
  model: ProcessModel;
  sourceContext: unknown;
}

export function serializeModel(moddleContext: unknown): unknown {
  return serializeContext(moddleContext as Parameters<typeof serializeContext>[0], typeResolver);
}

export interface ElementEvent {
  id: string;
  executionId: string;
}

export interface StepEvents {
  waits: ElementEvent[];
  /** Execution ids of elements that left (completed, interrupted or discarded), mapped to their element ids. */
  left: Map<string, string>;
  ended: boolean;
  error: Error | null;
}

export interface PendingTimer {
  executionId: string;
  elementId: string;
  dueAt: Date;
}

/** The part of bpmn-elements' activity API that the engine calls. */
interface ActivityApi {
  id: string;
  executionId: string;
  type: string;
  signal(message?: unknown): void;
  sendApiMessage(type: string, content?: unknown): void;
  getPostponed?(): ActivityApi[];
}

interface TimerRef {
  owner: { id: string; executionId: string } | null;
  expireAt: Date;
  callback: (...args: unknown[]) => void;
  args: unknown[];
}

interface TimersApi {
  executing: TimerRef[];
  clearTimeout(ref: TimerRef): void;
}

interface BrokerMessage {
  content: { id: string; executionId: string; type: string };
}

interface EngineHandle {
  broker: { subscribeTmp(exchange: string, pattern: string, fn: (routingKey: string, message: BrokerMessage) => void, options: object): void };
  execution: { getPostponed(): ActivityApi[]; getState(): Record<string, unknown>; stop(): void } | null;
  environment: { timers: TimersApi };
  on(event: string, listener: (value: unknown) => void): void;
  execute(options: object): Promise<unknown>;
  recover(state: unknown): unknown;
  resume(): Promise<unknown>;
}

/**
 * The process variables that a running sub-process's input mappings replaced,
 * so that they can be restored when it ends: `previous` by name, `absent` for
 * names that did not exist.
 */
interface ShadowedScope {
  previous: Record<string, unknown>;
  absent: string[];
}

export class LiveInstance {
  readonly process: CompiledProcess;
  variables: Variables;
  revision: number;
  /**
   * Due times (epoch ms) of this instance's timer rows, by execution id.
   * Null after a recovery, so the next step rewrites all of them.
   */
  persistedTimers: Map<string, number> | null = new Map();
  /**
   * Sub-processes with input mappings that are running, by execution id.
   * NOTE: variables live at process scope, so a sub-process's inputs are set
   * there while it runs and the shadowed values come back when it ends. A
   * write to one of those names from outside the sub-process meanwhile is
   * lost, where Camunda 8 keeps the sub-process's copy local.
   */
  private readonly scopes = new Map<string, ShadowedScope>();
  /** Execution ids that job rows carried before a replay of deferred hops, mapped to bpmn-engine's ids (hops.ts). */
  readonly aliases = new Map<string, string>();
  private readonly engine: EngineHandle;
  private events: StepEvents = emptyEvents();

  private constructor(process: CompiledProcess, variables: Variables, revision: number) {
    this.process = process;
    this.variables = variables;
    this.revision = revision;
    // Timers are recorded, never armed: the database fires them (see fireTimer).
    const timers = new Elements.Timers({ setTimeout: noTimeout as unknown as typeof setTimeout, clearTimeout: () => undefined });
    const expressions = {
      resolveExpression: (expression: unknown) => (typeof expression === 'string' ? evaluateExpression(expression, this.variables) : expression),
      isExpression: (text: unknown) => typeof text === 'string' && isFeel(text),
      hasExpression: (text: unknown) => typeof text === 'string' && isFeel(text),
    };
    this.engine = new Engine({
      name: process.bpmnProcessId,
      sourceContext: process.sourceContext,
      elements: elementTypes,
      timers,
      expressions,
    } as unknown as ConstructorParameters<typeof Engine>[0]) as unknown as EngineHandle;
    this.listen();
  }

  /** Starts a new instance; it runs until every token waits or the process ends. */
  static async start(process: CompiledProcess, variables: Variables): Promise<LiveInstance> {
    const live = new LiveInstance(process, variables, 0);
    await live.engine.execute({ processId: process.bpmnProcessId });
    return live;
  }

  /** Rebuilds an instance from its stored state (see getState). */
  static async recover(process: CompiledProcess, state: string, variables: Variables, revision: number): Promise<LiveInstance> {
    const live = new LiveInstance(process, variables, revision);
    const { sijillScopes, ...engineState } = JSON.parse(state) as { sijillScopes?: [string, ShadowedScope][] };
    for (const [executionId, scope] of sijillScopes ?? []) live.scopes.set(executionId, scope);
    live.engine.recover(engineState);
    // Events of the resume stay for the next settle: waiting tasks are
    // announced again (their rows exist and are kept), and a timer that fell
    // due while no engine ran completes during the resume itself.
    await live.engine.resume();
    live.persistedTimers = null;
    return live;
  }

  private listen(): void {
    const options = { noAck: true };
    this.engine.broker.subscribeTmp('event', 'activity.wait', (_key, message) => {
      this.events.waits.push({ id: message.content.id, executionId: message.content.executionId });
    }, options);
    this.engine.broker.subscribeTmp('event', 'activity.leave', (_key, message) => {
      this.events.left.set(message.content.executionId, message.content.id);
      this.restoreScope(message.content.executionId);
    }, options);
    // Sub-process input and output mappings apply while bpmn-engine runs, before anything inside or after evaluates.
    this.engine.broker.subscribeTmp('event', 'activity.enter', (_key, message) => {
      if (message.content.type === 'bpmn:SubProcess') this.guard(() => this.enterScope(message.content.id, message.content.executionId));
    }, options);
    this.engine.broker.subscribeTmp('event', 'activity.end', (_key, message) => {
      if (message.content.type === 'bpmn:SubProcess') this.guard(() => this.completeScope(message.content.id, message.content.executionId));
    }, options);
    this.engine.on('end', () => {
      this.events.ended = true;
    });
    this.engine.on('error', (error) => {
      this.events.error = error instanceof Error ? error : new Error(String(error));
    });
  }

  /** Sets a sub-process's inputs at process scope, remembering what they shadow. */
  private enterScope(elementId: string, executionId: string): void {
    const element = this.process.model.elements.get(elementId);
    if (!element || element.inputs.length === 0 || this.scopes.has(executionId)) return;
    const values = applyMappings(element.inputs, this.variables);
    const scope: ShadowedScope = { previous: {}, absent: [] };
    for (const name of Object.keys(values)) {
      if (name in this.variables) scope.previous[name] = this.variables[name];
      else scope.absent.push(name);
    }
    this.scopes.set(executionId, scope);
    Object.assign(this.variables, values);
  }

  /** Applies a completed sub-process's outputs after restoring what its inputs shadowed. */
  private completeScope(elementId: string, executionId: string): void {
    const element = this.process.model.elements.get(elementId);
    const outputs = element && element.outputs.length > 0 ? applyMappings(element.outputs, this.variables) : {};
    this.restoreScope(executionId);
    Object.assign(this.variables, outputs);
  }

  private restoreScope(executionId: string): void {
    const scope = this.scopes.get(executionId);
    if (!scope) return;
    this.scopes.delete(executionId);
    for (const name of scope.absent) delete this.variables[name];
    Object.assign(this.variables, scope.previous);
  }

  /** Runs a mapping inside a bpmn-engine event; a failure fails the step, as a failing expression does. */
  private guard(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.events.error ??= error instanceof Error ? error : new Error(String(error));
    }
  }

  /** Returns what happened since the last call and starts a new collection. */
  takeEvents(): StepEvents {
    const events = this.events;
    this.events = emptyEvents();
    return events;
  }

  /** Completes a waiting task or catch event. */
  signal(executionId: string): void {
    this.requireWaiting(executionId).signal({});
  }

  /** Completes the one waiting activity of an element (replaying a plain hop). */
  signalElement(elementId: string): void {
    const executionId = this.waitingExecutionIdOf(elementId);
    if (executionId === null) throw new Error(`no element ${elementId} waits in instance of ${this.process.bpmnProcessId}`);
    this.signal(executionId);
  }

  /** Returns the execution id of the element's waiting activity; null when none waits. */
  waitingExecutionIdOf(elementId: string): string | null {
    for (const api of this.walkPostponed()) if (api.id === elementId) return api.executionId;
    return null;
  }

  /**
   * Returns the execution id of the only waiting token, or null when several
   * wait. Sub-processes and boundary events are not tokens of their own here:
   * they wait for the activities inside them or the ones they are attached to.
   */
  soleExecutionId(): string | null {
    let sole: string | null = null;
    for (const api of this.walkPostponed()) {
      if (api.type === 'bpmn:SubProcess' || api.type === 'bpmn:BoundaryEvent') continue;
      if (sole !== null) return null;
      sole = api.executionId;
    }
    return sole;
  }

  /** Throws a BPMN error at a waiting task; the caller has checked that a boundary event catches the code. */
  throwError(executionId: string, errorCode: string, errorMessage: string): void {
    this.requireWaiting(executionId).sendApiMessage('error', { message: errorMessage, code: errorCode });
  }

  /** Runs a recorded timer; false when no timer with that execution id waits (already fired or ended). */
  fireTimer(executionId: string): boolean {
    const timers = this.engine.environment.timers;
    const ref = timers.executing.find((candidate) => candidate.owner?.executionId === executionId);
    if (!ref) return false;
    timers.clearTimeout(ref);
    ref.callback(...ref.args);
    return true;
  }

  pendingTimers(): PendingTimer[] {
    return this.engine.environment.timers.executing
      .filter((ref) => ref.owner)
      .map((ref) => ({ executionId: ref.owner?.executionId ?? '', elementId: ref.owner?.id ?? '', dueAt: new Date(ref.expireAt) }));
  }

  isWaiting(executionId: string): boolean {
    return this.findWaiting(this.aliases.get(executionId) ?? executionId) !== undefined;
  }

  /** Ids of the elements that hold a token, boundary events left out. */
  activeElementIds(): string[] {
    const ids: string[] = [];
    for (const api of this.walkPostponed()) {
      if (api.type !== 'bpmn:BoundaryEvent') ids.push(api.id);
    }
    return [...new Set(ids)];
  }

  /** bpmn-engine's state without the model and the variables, which are stored apart, plus the running sub-processes' shadowed variables. */
  getState(): string {
    const state = this.engine.execution?.getState() ?? {};
    const definitions = (state.definitions as Record<string, unknown>[] | undefined) ?? [];
    const environment = state.environment as Record<string, unknown> | undefined;
    return JSON.stringify({
      ...state,
      environment: environment ? { ...environment, variables: {} } : environment,
      definitions: definitions.map(({ source: _source, ...definition }) => definition),
      ...(this.scopes.size > 0 ? { sijillScopes: [...this.scopes] } : {}),
    });
  }

  stop(): void {
    this.engine.execution?.stop();
  }

  private requireWaiting(executionId: string): ActivityApi {
    const api = this.findWaiting(this.aliases.get(executionId) ?? executionId);
    if (!api) throw new Error(`no element waits with execution id ${executionId} in instance of ${this.process.bpmnProcessId}`);
    return api;
  }

  private findWaiting(executionId: string): ActivityApi | undefined {
    for (const api of this.walkPostponed()) if (api.executionId === executionId) return api;
    return undefined;
  }

  private *walkPostponed(): Generator<ActivityApi> {
    const queue = [...(this.engine.execution?.getPostponed() ?? [])];
    const seen = new Set<string>();
    while (queue.length > 0) {
      const api = queue.shift();
      if (!api || seen.has(api.executionId)) continue;
      seen.add(api.executionId);
      yield api;
      if (api.type === 'bpmn:SubProcess' && api.getPostponed) queue.push(...api.getPostponed());
    }
  }
}

function noTimeout(): null {
  return null;
}

function emptyEvents(): StepEvents {
  return { waits: [], left: new Map(), ended: false, error: null };
}
