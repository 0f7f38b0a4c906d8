"""Profile ids and ISO codes for `audit new`: slugs, --iso2, and cautious lookup by name."""

from __future__ import annotations

import pytest

from trafficking_audit.app.identity import PLACEHOLDER_ISO2, PLACEHOLDER_ISO3, identify, slug
from trafficking_audit.errors import InputError


@pytest.mark.parametrize(
    "name, expected",
    [
        ("ruritania", "ruritania"),
        ("United States", "united-states"),
        ("Côte d'Ivoire", "cote-d-ivoire"),
        ("  Bosnia  and Herzegovina ", "bosnia-and-herzegovina"),
        ("Kazakhstan 2019", "kazakhstan-2019"),
    ],
)
def test_slug(name: str, expected: str) -> None:
    assert slug(name) == expected


@pytest.mark.parametrize("name", ["", "!!!", "---", "中国"])
def test_a_name_without_letters_or_digits_is_bad_input(name: str) -> None:
    with pytest.raises(InputError) as caught:
        slug(name)
    assert caught.value.code == "usage"


@pytest.mark.parametrize("code", ["KZ", "kz", " Kz "])
def test_iso2_fills_codes_and_name(code: str) -> None:
    identity = identify("kazakhstan", code)
    assert (identity.id, identity.name, identity.iso2, identity.iso3) == ("kazakhstan", "Kazakhstan", "KZ", "KAZ")
    assert identity.codes_found and "Republic of Kazakhstan" in identity.aliases


def test_iso2_wins_over_the_name_and_the_name_is_kept_as_alias() -> None:
    identity = identify("Qazaqstan Respublikasy", "KZ")
    assert (identity.id, identity.name, identity.iso3) == ("qazaqstan-respublikasy", "Kazakhstan", "KAZ")
    assert identity.aliases == ("Republic of Kazakhstan", "Qazaqstan Respublikasy")  # the id itself is no alias


@pytest.mark.parametrize("code", ["QQ", "KAZ", "K", "", "1Z"])
def test_unknown_iso2_is_bad_input(code: str) -> None:
    with pytest.raises(InputError) as caught:
        identify("kazakhstan", code)
    assert caught.value.code == "usage" and "--iso2" in str(caught.value)


@pytest.mark.parametrize(
    "name, iso2, iso3",
    [("united-states", "US", "USA"), ("Sweden", "SE", "SWE"), ("russia", "RU", "RUS"), ("usa", "US", "USA")],
)
def test_codes_looked_up_from_the_name(name: str, iso2: str, iso3: str) -> None:
    identity = identify(name)
    assert (identity.iso2, identity.iso3, identity.codes_found) == (iso2, iso3, True)


@pytest.mark.parametrize("name", ["ruritania", "texas", "uk"])
def test_no_safe_match_gives_placeholders(name: str) -> None:
    identity = identify(name)
    assert (identity.iso2, identity.iso3, identity.codes_found) == (PLACEHOLDER_ISO2, PLACEHOLDER_ISO3, False)
    assert "set iso2 and iso3" in identity.note


def test_an_ambiguous_name_names_the_candidates() -> None:
    identity = identify("korea")
    assert not identity.codes_found
    assert "--iso2 KP" in identity.note and "--iso2 KR" in identity.note


def test_a_name_typed_as_an_id_is_title_cased() -> None:
    assert identify("new-ruritania").name == "New Ruritania"
    assert identify("Grand Fenwick").name == "Grand Fenwick"
