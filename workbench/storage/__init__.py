"""The storage layer: a JSON data file several processes can share safely. Never imports textual."""
