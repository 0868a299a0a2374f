"""Table models: one per area, fed a page at a time by the services' count_*/list_*."""
