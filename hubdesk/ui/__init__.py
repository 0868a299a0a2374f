"""The desktop window (PySide6). The only layer that imports Qt; widgets call services only."""
