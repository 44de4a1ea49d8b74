"""The Pilots tab: the list of pilots and a pilot's page, one module per section."""
