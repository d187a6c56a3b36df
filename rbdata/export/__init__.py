"""Writers of the exported files: CSV, the Excel workbook, the Frictionless
data package, and the Excel form helpers shared by the scoring template and
the monitoring workbook."""
