"""The Textual user interface. Gets the repository through the App's constructor."""
