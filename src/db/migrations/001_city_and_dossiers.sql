-- Core domain: units, accounts, procedures, dossiers, documents, audit trail.

CREATE TABLE units (
  id text PRIMARY KEY,
  parent_id text REFERENCES units (id),
  kind text NOT NULL CHECK (kind IN ('city', 'department', 'district', 'ward')),
  -- Materialized path such as 'city/commerce': a unit's subtree is path LIKE 'x/%'.
  path text NOT NULL UNIQUE,
  name_ar text NOT NULL,
  name_en text NOT NULL
);

CREATE TABLE applicants (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('individual', 'organization')),
  -- National ID number (individual) or registration number (organization).
  identifier text NOT NULL UNIQUE,
  full_name text NOT NULL,
  email text,
  phone text
);

CREATE TABLE accounts (
  id uuid PRIMARY KEY,
  username text NOT NULL UNIQUE,
  -- scrypt$N$r$p$salt$hash, all base64url.
  password_hash text NOT NULL,
  display_name text NOT NULL,
  roles text[] NOT NULL,
  unit_id text REFERENCES units (id),
  applicant_id uuid REFERENCES applicants (id),
  CHECK (applicant_id IS NOT NULL OR unit_id IS NOT NULL)
);

CREATE TABLE procedures (
  code text PRIMARY KEY,
  name_ar text NOT NULL,
  name_en text NOT NULL,
  unit_id text NOT NULL REFERENCES units (id),
  legal_working_days numeric(5, 2) NOT NULL CHECK (legal_working_days > 0),
  fee numeric(12, 2) NOT NULL DEFAULT 0,
  result_kind text NOT NULL,
  paper_result_by_law boolean NOT NULL DEFAULT false,
  bpmn_process_id text NOT NULL,
  -- Components, form fields and result template: the procedure's catalogue entry.
  catalogue jsonb NOT NULL
);

CREATE SEQUENCE dossier_reference_seq;

CREATE TABLE dossiers (
  id uuid PRIMARY KEY,
  reference text NOT NULL UNIQUE,
  procedure_code text NOT NULL REFERENCES procedures (code),
  applicant_id uuid NOT NULL REFERENCES applicants (id),
  unit_id text NOT NULL REFERENCES units (id),
  channel text NOT NULL CHECK (channel IN ('online', 'counter', 'postal')),
  status text NOT NULL,
  form jsonb NOT NULL,
  -- The client's key for one submission: a repeated submit returns the same dossier.
  idempotency_key text UNIQUE,
  process_instance_key text,
  process_version integer,
  received_at timestamptz NOT NULL,
  deadline_at timestamptz NOT NULL,
  decision text CHECK (decision IN ('approved', 'rejected')),
  decision_note text,
  decided_by uuid REFERENCES accounts (id),
  decided_at timestamptz,
  completed_at timestamptz,
  created_by uuid REFERENCES accounts (id)
);
CREATE INDEX dossiers_applicant ON dossiers (applicant_id);
CREATE INDEX dossiers_open_deadline ON dossiers (deadline_at) WHERE completed_at IS NULL;

CREATE TABLE documents (
  id uuid PRIMARY KEY,
  dossier_id uuid REFERENCES dossiers (id),
  applicant_id uuid NOT NULL REFERENCES applicants (id),
  component_code text,
  kind text NOT NULL CHECK (kind IN ('upload', 'counter_original', 'digitized', 'result')),
  sha256 text NOT NULL,
  media_type text NOT NULL,
  byte_size bigint NOT NULL,
  file_name text NOT NULL,
  page_count integer,
  -- The document this one was made from (a digitized PDF/A from its scan).
  source_document_id uuid REFERENCES documents (id),
  status text NOT NULL,
  validity_basis text CHECK (validity_basis IN
    ('digitized_signed', 'certified_copy', 'e_authenticated', 'self_declared', 'other_prescribed', 'invalid')),
  validity_reason jsonb,
  validation_report jsonb,
  declaration text,
  ocr_text text,
  received_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES accounts (id)
);
CREATE INDEX documents_dossier ON documents (dossier_id);
CREATE INDEX documents_applicant ON documents (applicant_id);

CREATE TABLE notifications (
  id uuid PRIMARY KEY,
  dossier_id uuid NOT NULL REFERENCES dossiers (id),
  -- One notification per dossier and event, so a redelivered job sends nothing twice.
  event text NOT NULL,
  recipient text NOT NULL,
  message jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (dossier_id, event)
);

-- Append-only and hash-chained: hash = sha256(prev_hash || canonical event).
CREATE TABLE audit_events (
  seq bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,
  action text NOT NULL,
  dossier_id uuid,
  subject text,
  details jsonb NOT NULL DEFAULT '{}',
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX audit_events_dossier ON audit_events (dossier_id);
