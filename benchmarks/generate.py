"""Synthetic jurisdiction profiles for the benchmarks: many, varied, valid, and deterministic.

The performance budgets of ``benchmarks/run.py`` are about scale (hundreds of
profiles in one CI run), and the bundled data holds only a handful, so this module
writes N profiles shaped like the real ones: every fact of the schema in turn,
dated histories, explicit unknowns, sources with URLs and access dates, treaty
records with reservations, and statistics with their counting basis, at about the
size of a real profile (20-55 KB). The fact fields and their value types are read
from the pydantic models, so a field added to the schema is generated too. The
output folder also holds a copy of the bundled ``rules/``, so ``--data DIR`` works.
The same seed and count always give byte-identical files, and profile ``i`` is the
same whatever the count, so the first 200 of 400 are the 200.

    python benchmarks/generate.py OUT_DIR --count 200 --seed 1
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
import types
from pathlib import Path
from typing import Any, Union, get_args, get_origin

import yaml
from pydantic import BaseModel

from trafficking_audit.load.data import PACKAGE_DIR, locate
from trafficking_audit.models.paths import PathError, fact_values
from trafficking_audit.models.profile import Profile, SourceKind, Tier, TreatyStatusValue

# Profile fields this module writes itself; every other field is a fact or a section of facts.
IDENTITY_FIELDS = ("id", "name", "iso2", "iso3", "aliases", "region", "last_reviewed")
RECORD_FIELDS = ("sources", "treaties", "statistics", "tip_tiers")

EARLIEST, LATEST = dt.date(2000, 1, 1), dt.date(2025, 12, 31)  # never in the future, for `audit check`
WORDS = (
    "law",
    "amendment",
    "criminal",
    "code",
    "article",
    "provision",
    "victim",
    "assistance",
    "referral",
    "mechanism",
    "national",
    "coordinator",
    "ministry",
    "interior",
    "labour",
    "social",
    "protection",
    "prosecutor",
    "court",
    "sentence",
    "offence",
    "exploitation",
    "forced",
    "labour",
    "sexual",
    "child",
    "adult",
    "migrant",
    "worker",
    "border",
    "police",
    "unit",
    "training",
    "report",
    "data",
    "statistics",
    "shelter",
    "compensation",
    "fund",
    "guardian",
    "interview",
    "hotline",
    "campaign",
    "recruitment",
    "agency",
    "licence",
    "inspection",
    "sector",
    "domestic",
    "agriculture",
    "supply",
    "chain",
    "procurement",
    "due",
    "diligence",
    "extradition",
    "mutual",
    "legal",
    "assistance",
    "treaty",
    "protocol",
    "ratification",
    "reservation",
    "declaration",
    "evaluation",
    "review",
    "committee",
    "recommendation",
    "implementation",
    "regulation",
    "decree",
    "order",
    "resolution",
    "guidance",
    "practice",
    "cooperation",
    "NGO",
    "international",
    "organisation",
    "funding",
    "budget",
    "region",
    "district",
    "capital",
    "cases",
    "convictions",
)
SYLLABLES = (
    "al",
    "bor",
    "cal",
    "dor",
    "el",
    "fen",
    "gar",
    "hal",
    "is",
    "jor",
    "kel",
    "lun",
    "mar",
    "nor",
    "ost",
    "pel",
    "quar",
    "ros",
    "sal",
    "tor",
    "ul",
    "val",
    "wen",
    "xar",
    "yel",
    "zan",
)
REGIONS = (
    "Central Asia",
    "Eastern Europe",
    "Western Europe",
    "Northern Europe",
    "Southern Europe",
    "Middle East",
    "North Africa",
    "West Africa",
    "East Africa",
    "Southern Africa",
    "South Asia",
    "South-East Asia",
    "East Asia",
    "Oceania",
    "Caribbean",
    "Central America",
    "South America",
    "North America",
)
SOURCE_PREFIXES = {
    "legislation": "law",
    "official_report": "gov",
    "international_report": "intl",
    "news": "news",
    "academic": "paper",
    "treaty_record": "treaty",
}
PARENT_TREATY = {"palermo-protocol": "untoc", "ilo-p029": "ilo-c029"}  # a protocol needs its treaty


def bundled_rules() -> Path:
    """The rules folder installed with the package (or of the source checkout)."""
    return locate(None, cwd=PACKAGE_DIR).rules


def countries() -> list[tuple[str, str]]:
    """Real (alpha-2, alpha-3) pairs in a fixed order, so `audit check` accepts the codes."""
    import pycountry

    return sorted((c.alpha_2, c.alpha_3) for c in pycountry.countries)


class ProfileWriter:
    """Builds the data of one synthetic profile from its own random stream."""

    def __init__(self, index: int, seed: int, instruments: list[str], codes: list[tuple[str, str]]) -> None:
        self.index = index
        self.rng = random.Random(f"{seed}:{index}")
        self.instruments = instruments
        self.codes = codes
        self.sources: list[dict[str, Any]] = []
        self.cited: set[str] = set()
        self.verbosity = self.rng.uniform(0.3, 1.2)  # how much editors wrote: sizes vary as in the real data

    # --- small pieces ------------------------------------------------------------

    def text(self, low: int, high: int) -> str:
        words = self.rng.choices(WORDS, k=self.rng.randint(low, high))
        return (" ".join(words).capitalize() + ".") if words else ""

    def day(self, start: dt.date = EARLIEST, end: dt.date = LATEST) -> dt.date:
        return start + dt.timedelta(days=self.rng.randint(0, (end - start).days))

    def cite(self, low: int = 1, high: int = 3) -> list[str]:
        chosen = self.rng.sample(self.sources, k=min(len(self.sources), self.rng.randint(low, high)))
        ids = [s["id"] for s in chosen]
        self.cited.update(ids)
        return ids

    def name(self) -> str:
        parts = self.rng.choices(SYLLABLES, k=self.rng.randint(2, 3))
        return "".join(parts).capitalize() + "ia"

    # --- facts -------------------------------------------------------------------

    def value(self, path: str, kind: str, allowed: tuple[Any, ...] | None) -> Any:
        rng, leaf = self.rng, path.rsplit(".", 1)[-1]
        if kind == "bool":
            return rng.random() < 0.6
        if kind == "enum":
            return rng.choice(allowed or ("unknown",))
        if kind == "list" and allowed:
            return rng.sample(list(allowed), k=rng.randint(1, len(allowed)))
        if kind == "list":
            return [f"{self.text(2, 4)[:-1]} Art. {rng.randint(1, 400)}" for _ in range(rng.randint(1, 3))]
        if kind == "int":
            return rng.choice((14, 16, 18)) if "age" in leaf else rng.choice((0, 30, 45, 60, 90, 180))
        if kind == "number":
            if leaf.startswith("min"):
                return rng.choice((0, 1, 2, 3, 4, 5, 8))
            return rng.choice((5, 7, 8, 10, 12, 15, 20, 25, 100))
        return self.text(4, 14)

    def fact(self, path: str, value: Any, start: dt.date | None = None, end: dt.date | None = None) -> dict[str, Any]:
        rng = self.rng
        entry: dict[str, Any] = {"value": value}
        if value != "unknown":
            entry["sources"] = self.cite()
            if rng.random() < 0.5:
                entry["provision"] = (
                    f"{rng.choice(('Criminal Code', 'Law', 'Decree', 'Code of Criminal Procedure'))}"
                    f" Art. {rng.randint(1, 400)}"
                )
        if rng.random() < 0.75 * self.verbosity:
            entry["note"] = self.text(6, int(12 + 50 * self.verbosity))
        if start is not None:
            entry["valid_from"] = start
        if end is not None:
            entry["valid_to"] = end
        return entry

    def dated(self, path: str) -> Any:
        """One fact, or a history of two or three dated facts that do not overlap."""
        kind, allowed = fact_values(path)
        rng = self.rng
        if rng.random() < 0.12:
            return self.fact(path, "unknown")
        entries = 1 if rng.random() < 0.7 else rng.choice((2, 2, 3))
        if entries == 1:
            return self.fact(path, self.value(path, kind, allowed))
        changes = sorted({self.day(dt.date(2005, 1, 1), dt.date(2025, 6, 30)) for _ in range(entries - 1)})
        history = []
        for position in range(len(changes) + 1):
            start = changes[position - 1] if position > 0 else None
            end = changes[position] - dt.timedelta(days=1) if position < len(changes) else None
            value = "unknown" if rng.random() < 0.1 else self.value(path, kind, allowed)
            history.append(self.fact(path, value, start, end))
        return history

    def section(self, model: type[BaseModel], prefix: str) -> dict[str, Any]:
        """Facts of one section, recursing into subsections; about one field in seven is left absent."""
        data: dict[str, Any] = {}
        for name, field in model.model_fields.items():
            path = f"{prefix}{name}"
            try:
                fact_values(path)
            except PathError:
                sub = _model_of(field.annotation)
                if sub is not None:
                    inner = self.section(sub, f"{path}.")
                    if inner:
                        data[name] = inner
                continue
            if self.rng.random() < 0.86:
                data[name] = self.dated(path)
        return data

    # --- records -----------------------------------------------------------------

    def make_sources(self) -> None:
        rng = self.rng
        kinds = list(get_args(SourceKind))
        for number in range(rng.randint(14, 42)):
            kind = rng.choice(kinds)
            source: dict[str, Any] = {
                "id": f"{SOURCE_PREFIXES.get(kind, 'src')}-{number + 1}",
                "title": self.text(6, 24),
            }
            if rng.random() < 0.8:
                source["publisher"] = self.text(2, 8)
            if rng.random() < 0.8:
                source["year"] = rng.randint(1995, 2025)
            if rng.random() < 0.75:
                source["url"] = f"https://www.{self.name().lower()}.example.org/{kind}/{rng.randint(1, 99999)}"
            source["accessed"] = self.day(dt.date(2024, 1, 1))
            source["kind"] = kind
            self.sources.append(source)

    def treaties(self) -> dict[str, Any]:
        rng, result = self.rng, {}
        statuses = [s for s in get_args(TreatyStatusValue) if s != "not_eligible"]
        for instrument in sorted(rng.sample(self.instruments, k=rng.randint(5, min(12, len(self.instruments))))):
            status = rng.choice(statuses)
            parent = PARENT_TREATY.get(instrument)
            if status == "party" and parent is not None:
                result.setdefault(parent, {"status": self.fact(f"treaties.{parent}.status", "party")})
                result[parent]["status"] = self.fact(f"treaties.{parent}.status", "party")
            record: dict[str, Any] = {"status": self.fact(f"treaties.{instrument}.status", status)}
            if status in ("signed_only", "party"):
                record["signed"] = self.day(dt.date(2000, 1, 1), dt.date(2010, 12, 31))
            if status == "party":
                record["consent"] = rng.choice(("ratification", "accession", "acceptance"))
                record["deposited"] = self.day(dt.date(2011, 1, 1), dt.date(2018, 12, 31))
                record["in_force"] = self.day(dt.date(2019, 1, 1), dt.date(2020, 12, 31))
                if rng.random() < 0.3:
                    record["reservations"] = [
                        {
                            "article": f"{rng.randint(1, 40)}({rng.randint(1, 4)})",
                            "kind": rng.choice(("reservation", "declaration")),
                            "effect": self.text(8, 30),
                            "sources": self.cite(1, 2),
                        }
                        for _ in range(rng.randint(1, 2))
                    ]
            result[instrument] = record
        for key, record in result.items():  # a parent may have been chosen later as not a party
            if record["status"]["value"] != "party" and any(
                PARENT_TREATY.get(child) == key and result[child]["status"]["value"] == "party" for child in result
            ):
                record["status"] = self.fact(f"treaties.{key}.status", "party")
        return dict(sorted(result.items()))

    def statistics(self) -> list[dict[str, Any]]:
        rng, rows = self.rng, []
        first = rng.randint(2008, 2020)
        for year in range(first, min(2025, first + rng.randint(2, 12)) + 1):
            row: dict[str, Any] = {"year": year}
            for name in ("investigations", "prosecutions", "convictions", "victims_identified"):
                if rng.random() < 0.8:
                    row[name] = rng.randint(0, 900)
            row["counting_basis"] = self.text(6, 20)
            row["sources"] = self.cite(1, 2)
            if rng.random() < 0.4:
                row["note"] = self.text(6, 30)
            rows.append(row)
        return rows

    def tip_tiers(self) -> list[dict[str, Any]]:
        rng = self.rng
        first = rng.randint(2010, 2024)
        return [
            {"report_year": year, "tier": rng.choice(get_args(Tier)), "sources": self.cite(1, 1)}
            for year in range(first, 2026)
        ]

    def build(self) -> dict[str, Any]:
        """The whole profile, in the field order of the real ones."""
        rng = self.rng
        iso2, iso3 = self.codes[self.index % len(self.codes)]
        name = f"{self.name()} {self.index + 1}"
        self.make_sources()
        facts = {
            name_: self.section(model, f"{name_}.")
            for name_, field in Profile.model_fields.items()
            if name_ not in IDENTITY_FIELDS + RECORD_FIELDS and (model := _model_of(field.annotation)) is not None
        }
        treaties = self.treaties()
        statistics = self.statistics()
        tip_tiers = self.tip_tiers()
        sources = [s for s in self.sources if s["id"] in self.cited]  # an uncited source is a warning
        data: dict[str, Any] = {
            "id": profile_id(self.index),
            "name": name,
            "iso2": iso2,
            "iso3": iso3,
            # Numbered like the name: an alias that names two profiles is an error (ambiguous-name).
            "aliases": [f"{self.name()} {self.index + 1}.{k + 1}" for k in range(rng.randint(0, 3))],
            "region": rng.choice(REGIONS),
            "last_reviewed": self.day(dt.date(2025, 1, 1)),
        }
        data["memberships"] = facts.pop("memberships", {})
        data["sources"] = sources
        data["treaties"] = treaties
        data.update({key: value for key, value in facts.items() if value})
        data["statistics"] = statistics
        data["tip_tiers"] = tip_tiers
        return data


def _model_of(annotation: Any) -> type[BaseModel] | None:
    """The section model of a field annotation (``Section`` or ``Section | None``), else None."""
    options = get_args(annotation) if get_origin(annotation) in (Union, types.UnionType) else (annotation,)
    for option in options:
        if isinstance(option, type) and issubclass(option, BaseModel):
            return option
    return None


def profile_id(index: int) -> str:
    """File name (without .yaml) and id of synthetic profile ``index``."""
    return f"synthetic-{index + 1:04d}"


def profile_text(index: int, seed: int, instruments: list[str], codes: list[tuple[str, str]]) -> str:
    """The YAML text of synthetic profile ``index``."""
    data = ProfileWriter(index, seed, instruments, codes).build()
    header = f"# Synthetic profile {index + 1} (seed {seed}) for benchmarks/run.py; not real data.\n"
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=110)
    return header + body


class _Dumper(yaml.CSafeDumper):
    """Block style as people write profiles, with lists of plain values on one line (`[a, b]`)."""

    def represent_list(self, data: list[Any]) -> yaml.Node:
        flow = all(not isinstance(item, (dict, list)) for item in data)
        return self.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_Dumper.add_representer(list, _Dumper.represent_list)


def generate(out_dir: Path, count: int, seed: int = 1) -> list[Path]:
    """Write ``count`` profiles to ``out_dir/jurisdictions`` and copy the bundled rules to ``out_dir/rules``."""
    rules = bundled_rules()
    catalogue = yaml.load((rules / "instruments.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    instruments = [i["id"] for i in catalogue["instruments"]]
    codes = countries()
    if (out_dir / "rules").exists():
        shutil.rmtree(out_dir / "rules")
    shutil.copytree(rules, out_dir / "rules")
    folder = out_dir / "jurisdictions"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    paths = []
    for index in range(count):
        path = folder / f"{profile_id(index)}.yaml"
        path.write_text(profile_text(index, seed, instruments, codes), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path, help="Folder to write rules/ and jurisdictions/ into.")
    parser.add_argument("--count", type=int, default=200, help="Number of profiles (default 200).")
    parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
    args = parser.parse_args(argv)
    paths = generate(args.out_dir, args.count, args.seed)
    sizes = [p.stat().st_size for p in paths]
    if sizes:
        print(
            f"{len(paths)} profiles in {args.out_dir / 'jurisdictions'}: {min(sizes) // 1024}-"
            f"{max(sizes) // 1024} KB, mean {sum(sizes) / len(sizes) / 1024:.1f} KB"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
