-- Camunda 8's message cardinality: a message is correlated at most once per
-- BPMN process id (across versions), and to every process id that waits for
-- it. A buffered message stays buffered for its time to live even after it
-- was correlated, and remembers the process ids it was correlated to.
ALTER TABLE engine_messages ADD COLUMN correlated_process_ids text[] NOT NULL DEFAULT '{}';

-- Message ids are unique per name and correlation key, as in Camunda 8.
DROP INDEX engine_messages_id;
CREATE UNIQUE INDEX engine_messages_id ON engine_messages (name, correlation_key, message_id) WHERE message_id IS NOT NULL;
