-- Embedded BPMN engine: deployed processes, instances, jobs, user tasks,
-- timers, message subscriptions, buffered messages and incidents.
-- Every key is taken from engine_key_seq and sent over the API as a decimal
-- string, as Camunda 8 does. Rows of finished work are deleted (jobs, timers,
-- subscriptions) or kept with a final state (instances, user tasks).

CREATE SEQUENCE engine_key_seq START 2251799813685249;

CREATE TABLE engine_process_definitions (
  key bigint PRIMARY KEY DEFAULT nextval('engine_key_seq'),
  bpmn_process_id text NOT NULL,
  version integer NOT NULL CHECK (version > 0),
  resource_name text NOT NULL,
  xml text NOT NULL,
  -- SHA-256 of the XML: redeploying identical XML returns the latest version.
  checksum text NOT NULL,
  deployed_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (bpmn_process_id, version)
);

CREATE TABLE engine_process_instances (
  key bigint PRIMARY KEY DEFAULT nextval('engine_key_seq'),
  definition_key bigint NOT NULL REFERENCES engine_process_definitions (key),
  bpmn_process_id text NOT NULL,
  version integer NOT NULL,
  state text NOT NULL CHECK (state IN ('ACTIVE', 'COMPLETED', 'TERMINATED')),
  variables jsonb NOT NULL DEFAULT '{}',
  -- bpmn-engine's getState() without the model source and the variables;
  -- NULL once the instance has ended.
  engine_state text,
  -- Incremented on every step, so a cached live engine is used only while it
  -- matches the stored state.
  revision integer NOT NULL DEFAULT 0,
  active_element_ids text[] NOT NULL DEFAULT '{}',
  started_at timestamptz NOT NULL DEFAULT now(),
  ended_at timestamptz
);
CREATE INDEX engine_process_instances_process ON engine_process_instances (bpmn_process_id, state);

-- Job states: ACTIVATABLE (available_at says from when), ACTIVATED (locked to
-- `worker` until `deadline`), FAILED (out of retries or an uncaught BPMN
-- error: an incident). Completed jobs and jobs whose element ended are deleted.
CREATE TABLE engine_jobs (
  key bigint PRIMARY KEY DEFAULT nextval('engine_key_seq'),
  instance_key bigint NOT NULL REFERENCES engine_process_instances (key) ON DELETE CASCADE,
  element_id text NOT NULL,
  -- bpmn-engine's execution id of the waiting service task.
  execution_id text NOT NULL,
  element_instance_key bigint NOT NULL DEFAULT nextval('engine_key_seq'),
  type text NOT NULL,
  state text NOT NULL CHECK (state IN ('ACTIVATABLE', 'ACTIVATED', 'FAILED')),
  retries integer NOT NULL,
  custom_headers jsonb NOT NULL DEFAULT '{}',
  -- Results of the task's input mappings, laid over the instance variables on activation.
  local_variables jsonb NOT NULL DEFAULT '{}',
  worker text,
  deadline timestamptz,
  available_at timestamptz NOT NULL DEFAULT now(),
  error_message text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (instance_key, execution_id)
);
CREATE INDEX engine_jobs_activatable ON engine_jobs (type, available_at) WHERE state = 'ACTIVATABLE';
CREATE INDEX engine_jobs_locked ON engine_jobs (deadline) WHERE state = 'ACTIVATED';

CREATE TABLE engine_user_tasks (
  key bigint PRIMARY KEY DEFAULT nextval('engine_key_seq'),
  instance_key bigint NOT NULL REFERENCES engine_process_instances (key) ON DELETE CASCADE,
  definition_key bigint NOT NULL,
  bpmn_process_id text NOT NULL,
  version integer NOT NULL,
  element_id text NOT NULL,
  execution_id text NOT NULL,
  element_instance_key bigint NOT NULL DEFAULT nextval('engine_key_seq'),
  name text NOT NULL,
  state text NOT NULL CHECK (state IN ('CREATED', 'COMPLETED', 'CANCELED')),
  assignee text,
  candidate_groups text[] NOT NULL DEFAULT '{}',
  form_key text,
  custom_headers jsonb NOT NULL DEFAULT '{}',
  variables jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz,
  UNIQUE (instance_key, execution_id)
);
CREATE INDEX engine_user_tasks_open ON engine_user_tasks (state, created_at);

-- Due timers of waiting timer events; a row is deleted in the transaction
-- that fires it, so each timer fires once.
CREATE TABLE engine_timers (
  instance_key bigint NOT NULL REFERENCES engine_process_instances (key) ON DELETE CASCADE,
  -- bpmn-engine's execution id of the timer event definition.
  execution_id text NOT NULL,
  element_id text NOT NULL,
  due_at timestamptz NOT NULL,
  PRIMARY KEY (instance_key, execution_id)
);
CREATE INDEX engine_timers_due ON engine_timers (due_at);

CREATE TABLE engine_message_subscriptions (
  instance_key bigint NOT NULL REFERENCES engine_process_instances (key) ON DELETE CASCADE,
  execution_id text NOT NULL,
  element_id text NOT NULL,
  message_name text NOT NULL,
  correlation_key text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (instance_key, execution_id)
);
CREATE INDEX engine_message_subscriptions_match ON engine_message_subscriptions (message_name, correlation_key);

-- Published messages that found no subscription, kept until expires_at.
CREATE TABLE engine_messages (
  key bigint PRIMARY KEY DEFAULT nextval('engine_key_seq'),
  name text NOT NULL,
  correlation_key text NOT NULL,
  message_id text,
  variables jsonb NOT NULL DEFAULT '{}',
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX engine_messages_match ON engine_messages (name, correlation_key, created_at);
CREATE UNIQUE INDEX engine_messages_id ON engine_messages (name, message_id) WHERE message_id IS NOT NULL;

CREATE TABLE engine_incidents (
  key bigint PRIMARY KEY DEFAULT nextval('engine_key_seq'),
  instance_key bigint NOT NULL REFERENCES engine_process_instances (key) ON DELETE CASCADE,
  element_id text NOT NULL,
  job_key bigint,
  error_type text NOT NULL,
  error_message text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz
);
CREATE INDEX engine_incidents_instance ON engine_incidents (instance_key);
