"""One page per sidebar entry, each a ``hubdesk.ui.page.Page`` (the window checks it)."""
