"""The 60-minute diagnostic: a full-screen flow, one module per step."""
