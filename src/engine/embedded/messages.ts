// Message publication by Camunda 8's rules (its "Messages" concept page,
// message cardinality): a message is correlated to at most one waiting
// subscription per BPMN process id, across versions, and to every process id
// that waits. With a time to live it is also buffered, for subscriptions of
// other process ids opened before it expires (settling a step takes buffered
// messages, see step.ts). A message id already buffered with the same name
// and correlation key is rejected.
import type { Db } from '../../db/client.ts';
import { findSubscriptions, insertBufferedMessage, isMessageBuffered, nextMessageKey, type MatchingSubscriptionRow } from '../../db/engine/messages.ts';
import { EngineConflictError, EngineNotFoundError, type PublishMessageRequest, type PublishMessageResult, type Variables } from '../port.ts';

/** Correlates the message to one subscription in that instance's step; resolves false when the subscription is gone. */
export type CorrelateSubscription = (subscription: MatchingSubscriptionRow, variables: Variables) => Promise<boolean>;

export async function publishMessage(db: Db, request: PublishMessageRequest, correlate: CorrelateSubscription): Promise<PublishMessageResult> {
  const variables = request.variables ?? {};
  const messageId = request.messageId ?? null;
  if (messageId !== null && (await isMessageBuffered(db, request.name, request.correlationKey, messageId))) {
    throw new EngineConflictError(`message ${request.name} with correlation key ${request.correlationKey} and message id ${messageId} is already buffered`);
  }

  const correlatedProcessIds = new Set<string>();
  let processInstanceKey: string | undefined;
  for (const subscription of await findSubscriptions(db, request.name, request.correlationKey)) {
    if (correlatedProcessIds.has(subscription.bpmnProcessId)) continue;
    const correlated = await correlate(subscription, variables).catch((error: unknown) => {
      if (error instanceof EngineNotFoundError) return false;
      throw error;
    });
    if (correlated) {
      correlatedProcessIds.add(subscription.bpmnProcessId);
      processInstanceKey ??= subscription.instanceKey;
    }
  }

  const timeToLiveMs = request.timeToLiveMs ?? 0;
  let messageKey: string | null = null;
  if (timeToLiveMs > 0) {
    // NOTE: the id check above and this insert are two statements. Of two equal messages published at once, the second
    // may correlate before its insert finds the first; it is then not buffered.
    messageKey = await insertBufferedMessage(db, {
      name: request.name, correlationKey: request.correlationKey, messageId, variables, timeToLiveMs, correlatedProcessIds: [...correlatedProcessIds],
    });
  }
  messageKey ??= await nextMessageKey(db);
  return processInstanceKey === undefined ? { messageKey, correlated: false } : { messageKey, correlated: true, processInstanceKey };
}
