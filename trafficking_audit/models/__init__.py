"""Pydantic models: what users edit (profiles, rules) and what renderers read (results)."""
