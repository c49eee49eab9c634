-- Plain hops: a job completion that moves an instance's only token along an
-- unconditional sequence flow to the next service task (or a none end event)
-- is applied without bpmn-engine. The hops are replayed in bpmn-engine the
-- next time a step needs it (src/engine/embedded/hops.ts).

-- Execution id of the instance's only waiting token (enclosing sub-processes
-- and their boundary events aside); NULL when several tokens wait or none.
ALTER TABLE engine_process_instances ADD COLUMN sole_execution_id text;

-- Hops applied since engine_state was stored, as JSON:
-- {"baseRevision": n | null, "signalled": [elementId, ...], "elementId": ..., "executionId": ...}.
-- baseRevision NULL means bpmn-engine never ran this instance (it started with a hop).
-- NULL when engine_state is current.
ALTER TABLE engine_process_instances ADD COLUMN deferred_hops jsonb;
