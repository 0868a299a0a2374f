"""Allows ``python -m hubdesk``."""

from hubdesk.cli import main

raise SystemExit(main())
