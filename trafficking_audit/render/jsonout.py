"""JSON output: the result models serialised with sorted, stable formatting.

The JSON report is the documented machine-readable contract (``schema_version``
tells consumers which one). Keys keep the models' field order; output ends with a
newline so files diff cleanly.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel


def dump(model: BaseModel) -> str:
    """Stable, indented JSON for any result model."""
    data: Any = model.model_dump(mode="json")
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def render_audit(audit: BaseModel) -> str:
    """The audit report as JSON."""
    return dump(audit)
