"""Property-based tests: any YAML text either loads into a valid profile or fails with our own
positioned error; no other exception escapes. Run with at least 1,000 examples in CI."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trafficking_audit.errors import InputError, InputErrors
from trafficking_audit.load.validation import validate
from trafficking_audit.load.yamlsource import parse_yaml
from trafficking_audit.models.profile import Profile

ROOT = Path(__file__).resolve().parents[2]
REAL = (ROOT / "tests" / "fixtures" / "data" / "jurisdictions" / "ruritania.yaml").read_text()
KAZAKHSTAN = (ROOT / "jurisdictions" / "kazakhstan.yaml").read_text()

# The example count comes from the hypothesis profile (tests/conftest.py): 1,000 in CI, 50 elsewhere.
SETTINGS = settings(deadline=None, suppress_health_check=list(HealthCheck))


def load_or_input_error(text: str) -> None:
    try:
        validate(Profile, parse_yaml(text, "p.yaml"))
    except InputError as exc:
        found = exc.errors if isinstance(exc, InputErrors) else [exc]
        for one in found:  # every problem the file has, each on one positioned line
            assert one.position is not None and one.position.path == "p.yaml"
            assert one.position.line is None or one.position.line >= 1
            assert "\n" not in str(one)
        assert len(str(exc).splitlines()) == len(found)


yaml_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=20),
    st.sampled_from(["unknown", "2024-01-01", "party", "constituent", "*a", "&a x", "!!python/object:os.system x"]),
)
yaml_keys = st.sampled_from(
    [
        "id",
        "name",
        "iso2",
        "iso3",
        "last_reviewed",
        "offence",
        "exists",
        "value",
        "sources",
        "valid_from",
        "protection",
        "means",
        "treaties",
        "untoc",
        "status",
        "x",
        "<<",
        "? [a]",
    ]
)
documents = st.recursive(
    yaml_scalars,
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(yaml_keys, children, max_size=5)),
    max_leaves=25,
)


def to_yaml(value: object, indent: int = 0) -> str:
    """A deliberately naive emitter, so the text may be invalid YAML in interesting ways."""
    pad = "  " * indent
    if isinstance(value, dict):
        return "".join(f"{pad}{k}:\n{to_yaml(v, indent + 1)}" for k, v in value.items()) or f"{pad}{{}}\n"
    if isinstance(value, list):
        return "".join(f"{pad}-\n{to_yaml(v, indent + 1)}" for v in value) or f"{pad}[]\n"
    return f"{pad}{value}\n"


@SETTINGS
@given(documents)
def test_random_documents(document: object) -> None:
    load_or_input_error(to_yaml(document))


@SETTINGS
@given(st.text(max_size=300))
def test_random_text(text: str) -> None:
    load_or_input_error(text)


mutations = st.lists(
    st.tuples(
        st.sampled_from(["delete", "insert", "duplicate-line", "swap-lines", "indent"]),
        st.integers(0, 10**6),
        st.text(max_size=3),
    ),
    min_size=1,
    max_size=4,
)


def mutate(text: str, steps: list[tuple[str, int, str]]) -> str:
    for kind, where, piece in steps:
        lines = text.split("\n")
        i = where % max(len(text), 1)
        j = where % max(len(lines), 1)
        if kind == "delete":
            text = text[:i] + text[i + 1 :]
        elif kind == "insert":
            text = text[:i] + piece + text[i:]
        elif kind == "duplicate-line":
            lines.insert(j, lines[j])
            text = "\n".join(lines)
        elif kind == "swap-lines" and len(lines) > 1:
            k = (j + 1) % len(lines)
            lines[j], lines[k] = lines[k], lines[j]
            text = "\n".join(lines)
        elif kind == "indent":
            lines[j] = "  " + lines[j]
            text = "\n".join(lines)
    return text


@SETTINGS
@given(mutations)
def test_mutations_of_a_profile(steps: list[tuple[str, int, str]]) -> None:
    load_or_input_error(mutate(REAL, steps))


@settings(
    max_examples=max(10, settings.default.max_examples // 5), deadline=None, suppress_health_check=list(HealthCheck)
)
@given(mutations)
def test_mutations_of_the_kazakhstan_profile(steps: list[tuple[str, int, str]]) -> None:
    load_or_input_error(mutate(KAZAKHSTAN, steps))
