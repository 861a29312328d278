"""Figures a selector returned, rendered: SVG charts and maps, CSV and XLSX files (reading only the
querysets they are handed, never a model)."""
