"""Read-only queries behind the reports, one module per area.

Reports only read. Where a service already answers the question (``services.team``) the
report asks it; the aggregates a report needs (sums per municipality, per pillar, per age band
over a period) are SQL here, grouped so the regional report gets every municipality at once.
"""
