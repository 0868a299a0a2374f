"""Where data lives and how it is kept safe: engine, migrations, backups, single-instance lock."""
