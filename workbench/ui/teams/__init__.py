"""The Teams tab: the table of teams, the highlighted team's detail, the team form."""
