"""Data out and in: CSV / JSON / Markdown exports and the all-or-nothing import.

No Textual, no TinyDB: exports read a storage snapshot, the import validates a file into
models and hands them to ``Repository.import_records``. The command line and the app both
call these modules.
"""
