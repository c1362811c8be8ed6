"""Screenshot redaction: OCR word boxes, PII analysis per line, cross-modal matching, blur or fill."""
