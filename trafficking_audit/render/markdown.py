"""Markdown reports from Jinja templates (text from data escaped with the ``md`` filter)."""

from __future__ import annotations

from trafficking_audit.models.result import Audit
from trafficking_audit.models.rule import PILLARS
from trafficking_audit.render.jinja import render_template


def render_audit(audit: Audit) -> str:
    """The audit report as Markdown."""
    return render_template("audit.md.j2", html=False, audit=audit, pillars=PILLARS)
