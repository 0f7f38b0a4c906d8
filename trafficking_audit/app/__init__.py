"""What a command needs beyond the engine: a run's session, the listing, the rulebook pages,
the scaffold of a new profile and its identity, the report cache and atomic output.

May import the engine, load and models layers; the ``cli`` commands call it. Kept free of
imports so that start-up stays lazy.
"""
