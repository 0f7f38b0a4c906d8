"""SARIF 2.1.0 output of ``audit check``, for code scanning to annotate a pull request.

Each problem becomes a result located at its YAML file, line and column; each
finding an edit changes (``--base``) becomes a result too, a note or, when it got
worse, a warning (an error under ``--fail-on-regression``). The tool's rules are
the catalogue of check codes, so a viewer can explain each one. Paths relative to
the working directory stay relative (to ``%SRCROOT%``, the checkout in CI);
others become ``file://`` URIs.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from trafficking_audit import __version__
from trafficking_audit.models.check import CODES, CheckReport
from trafficking_audit.models.language import ENGLISH, Language
from trafficking_audit.render.jsonout import text

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
CHANGE_RULES = {
    "finding-changed": ("note", "An edit of the profile changes the outcome of a rule."),
    "finding-regression": ("warning", "An edit of the profile makes the outcome of a rule worse."),
}


def artifact(path: str) -> dict[str, str]:
    """The SARIF artifactLocation of a displayed path."""
    pure = PurePath(path)
    if pure.is_absolute():
        return {"uri": pure.as_uri()}
    return {"uri": pure.as_posix(), "uriBaseId": "%SRCROOT%"}


def _result(rule_id: str, index: int, level: str, message: str, path: str, line: int, col: int) -> dict[str, Any]:
    return {
        "ruleId": rule_id,
        "ruleIndex": index,
        "level": level,
        "message": {"text": message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": artifact(path),
                    "region": {"startLine": line, "startColumn": col},
                }
            }
        ],
    }


def render_sarif(report: CheckReport, lang: Language = ENGLISH) -> str:
    """The report as a SARIF 2.1.0 log with one run."""
    catalogue = {**CODES, **CHANGE_RULES}
    order = {code: index for index, code in enumerate(catalogue)}
    rules = [
        {
            "id": code,
            "name": code,
            "shortDescription": {"text": description},
            "defaultConfiguration": {"level": level},
        }
        for code, (level, description) in catalogue.items()
    ]
    results = [
        _result(p.code, order.get(p.code, -1), p.level, p.message, p.path, p.line, p.col) for p in report.problems
    ]
    for change in report.changes:
        rule_id = "finding-regression" if change.regression else "finding-changed"
        level = ("error" if report.fail_on_regression else "warning") if change.regression else "note"
        facts = "; ".join(f"{f.fact}: {f.before} -> {f.after}" for f in change.facts)
        message = (
            f"{change.jurisdiction}: {change.rule} ({change.title}) changed from {change.before} to "
            f"{change.after} since {report.base}" + (f" ({facts})" if facts else "")
        )
        results.append(_result(rule_id, order[rule_id], level, message, change.path, change.line, change.col))
    for result in results:
        if result["ruleIndex"] < 0:
            del result["ruleIndex"]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "trafficking-audit",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return text(log)
