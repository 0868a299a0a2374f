"""Sync by file: keys, peers, bundles, import with merge, scope and privacy (DESIGN §4)."""
