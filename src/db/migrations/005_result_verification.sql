-- A result carries a short public code printed on it; anyone holding the
-- paper or the PDF checks it at /verify/<code>.
ALTER TABLE documents ADD COLUMN verification_code text UNIQUE;
