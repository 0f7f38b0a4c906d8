"""``SIDE[@YYYY-MM-DD]`` arguments: the date is split off only when it is one."""

from __future__ import annotations

import datetime as dt

import pytest

from trafficking_audit.cli.sides import SideArgument, parse_side
from trafficking_audit.errors import InputError

TODAY = dt.date(2026, 1, 15)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kz", SideArgument("kz", TODAY)),
        ("KAZ", SideArgument("KAZ", TODAY)),
        ("kazakhstan@2022-12-31", SideArgument("kazakhstan", dt.date(2022, 12, 31))),
        ("Republic of Kazakhstan@2019-01-01", SideArgument("Republic of Kazakhstan", dt.date(2019, 1, 1))),
        ("jurisdictions/kz.yaml", SideArgument("jurisdictions/kz.yaml", TODAY)),
        ("jurisdictions/kz.yaml@2024-07-05", SideArgument("jurisdictions/kz.yaml", dt.date(2024, 7, 5))),
        ("team@work/kz.yaml", SideArgument("team@work/kz.yaml", TODAY)),
        ("me@home.yaml", SideArgument("me@home.yaml", TODAY)),
        ("team@work/kz.yaml@2020-02-29", SideArgument("team@work/kz.yaml", dt.date(2020, 2, 29))),
    ],
)
def test_sides_parse(text: str, expected: SideArgument) -> None:
    assert parse_side(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("kz@2022-13-01", "not a valid date"),
        ("kz@2021-02-29", "not a valid date"),
        ("kz@yesterday", "'yesterday' is not a date"),
        ("kz@20221231", "is not a date"),
        ("kz@", "'' is not a date"),
        ("@2022-12-31", "no jurisdiction given"),
        ("  @2022-12-31", "no jurisdiction given"),
        ("", "no jurisdiction given"),
    ],
)
def test_bad_sides_are_usage_errors(text: str, fragment: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_side(text, TODAY)
    assert caught.value.code == "usage"
    assert fragment in caught.value.message
    assert " ".join(repr(text).split()) in caught.value.message  # messages are one line, spaces collapsed
