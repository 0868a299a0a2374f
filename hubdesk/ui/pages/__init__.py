"""One page per sidebar entry; each has ``refresh()`` and ``retranslate()``."""
