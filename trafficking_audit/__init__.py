"""trafficking-audit: a policy gap auditor for national anti-trafficking-in-persons law.

The package is layered so that data flows one way: YAML files are *loaded* into
pydantic *models*, the *evaluate* layer turns a rule and a profile into a finding,
and the *render* layer turns an audit result into text. The ``cli`` package is a
thin shell around those layers and is the only place that knows about typer.
"""

__version__ = "0.1.0"
