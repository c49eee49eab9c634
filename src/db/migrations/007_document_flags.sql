-- Warnings found when a document was checked, e.g. 'javascript', 'launch',
-- 'embedded_file': the file is kept as evidence but never served as it is.
ALTER TABLE documents ADD COLUMN flags text[] NOT NULL DEFAULT '{}';
