"""The logic of an audit: evaluating rules against a profile, scoring, recommendations, rule
selection, comparisons of two audits, the overview and the rulebook's own examples.

Pure functions over :mod:`~trafficking_audit.models` and what :mod:`~trafficking_audit.load`
returns; no output, no typer, no rich. Kept free of imports so that start-up stays lazy.
"""
