"""Use cases with validation: what the window, the command line and sync all call. No Qt."""
