"""The residual-PII checks `proagent verify` and the export's gate run, independent of the anonymizer's
own decisions: values known to be personal (`known`), high-recall shapes (`shapes`) and a stronger OCR read of
every image (`reads`). Each finding names the method that found it (`finding`)."""
