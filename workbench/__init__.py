"""AI Certification Workbench: decide whether to certify a team in AI, and follow the pilot."""

__version__ = "0.1.0"
