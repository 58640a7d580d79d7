"""One way to exchange tables (CSV in, CSV out) for every importer and export.

Pure Python, no Django. `reading` streams a CSV file row by row with every check a file needs
before a row is looked at (size, encoding, delimiter, header, truncation, shape); `errors`
collects what is wrong with file, row and column, keeping the first few and counting the rest;
`cells` holds the value checks the row models share; `models` holds their base (one pydantic
model per row type) and maps their errors to rows and columns; `writing` writes cells a
spreadsheet will not run as formulas.
"""
