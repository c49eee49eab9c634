-- Counter intake: paper documents that could not be digitized, and a
-- normalized copy of each document's text for staff search.

-- A paper document received at the counter that the reception officer did
-- not scan because of special circumstances (fragile, oversized, a sealed
-- envelope). It takes the place of the component's scan, so the dossier
-- continues without it, and it counts against the unit's share of documents
-- digitized at receipt.
CREATE TABLE paper_exceptions (
  id uuid PRIMARY KEY,
  dossier_id uuid NOT NULL REFERENCES dossiers (id),
  component_code text NOT NULL,
  reason text NOT NULL CHECK (reason IN ('fragile', 'oversized', 'sealed_envelope', 'other')),
  -- The officer's own words; required when the reason is 'other'.
  note text,
  recorded_by uuid NOT NULL REFERENCES accounts (id),
  recorded_at timestamptz NOT NULL,
  CHECK (reason <> 'other' OR coalesce(btrim(note), '') <> ''),
  UNIQUE (dossier_id, component_code)
);
CREATE INDEX paper_exceptions_recorded_at ON paper_exceptions (recorded_at);

-- normalizeForSearch(file name + OCR text), written by the application
-- because the normalization lives in TypeScript. NULL means "not indexed
-- yet"; the trigger below clears it when the text it was made from changes.
ALTER TABLE documents ADD COLUMN search_text text;
CREATE INDEX documents_search_pending ON documents (received_at) WHERE search_text IS NULL;

CREATE FUNCTION documents_clear_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.ocr_text IS DISTINCT FROM OLD.ocr_text OR NEW.file_name IS DISTINCT FROM OLD.file_name THEN
    NEW.search_text := NULL;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER documents_clear_search_text BEFORE UPDATE OF ocr_text, file_name ON documents
  FOR EACH ROW EXECUTE FUNCTION documents_clear_search_text();
