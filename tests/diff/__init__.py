"""Tests of `audit diff`: sides, comparison, renderers, command."""
