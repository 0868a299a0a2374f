"""Spreadsheets in and out: export any table to .xlsx/.csv, import members and youth activities.

No Qt here. The window's import wizard and table export call these modules step by step
(``readers`` -> ``mapping`` -> ``importer``; ``export``), and so does ``hubdesk table``.
"""
