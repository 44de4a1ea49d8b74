"""The Scoring tab: its pane, panels, actions, and the widgets and dialogs only it uses."""
