"""`workbench serve`: the workbench in a web browser, behind a token, on this machine's names only.

Imported by ``workbench serve`` alone: it brings in aiohttp and textual-serve.
"""
