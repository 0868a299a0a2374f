"""Storage problems a person can act on; the message says what happened and what to do."""


class StorageError(Exception):
    """A database that cannot be opened, migrated, backed up or restored as asked."""
