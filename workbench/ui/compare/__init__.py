"""The Compare tab: a thin pane (``pane.py``) and one module per view."""
