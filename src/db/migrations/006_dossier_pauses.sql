-- Supplement requests stop the processing clock until the document arrives.
CREATE TABLE dossier_pauses (
  id uuid PRIMARY KEY,
  dossier_id uuid NOT NULL REFERENCES dossiers (id),
  reason text NOT NULL,
  started_at timestamptz NOT NULL,
  ended_at timestamptz
);
CREATE INDEX dossier_pauses_dossier ON dossier_pauses (dossier_id);
