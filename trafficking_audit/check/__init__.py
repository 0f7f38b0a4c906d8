"""``audit check``: the CI gate for edited profiles and rules.

The checks are pure functions from loaded data to :class:`~trafficking_audit.models.check.Problem`
lists (``profiles``, ``rules``); ``runner`` finds and reads the files and puts the
report together; ``regression`` compares the findings of two versions of a profile
and ``gitbase`` fetches the older version from git for ``--base REV``. Every check
has a stable code, listed in ``models.check.CODES`` with its level and a one-line description,
so the SARIF output and the README can describe each one.
"""
