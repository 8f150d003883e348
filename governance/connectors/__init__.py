"""Optional connectors to the councils' public data: OpenBesluitvorming for Dutch councils and
the LBLOD publication (Centrale Vindplaats) for Flemish ones. Each is off until its address is
configured; the worker fetches, the pages only read what was fetched."""
