-- Tesseract languages of a document's OCR, joined by '+'. On a paper
-- original: what the reception officer chose ('auto' to detect them, or
-- NULL for the configured default). On a digitized document: the
-- languages it was read with, chosen or detected.
ALTER TABLE documents ADD COLUMN ocr_languages text;
