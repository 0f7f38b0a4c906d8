"""Names across profiles: an id, ISO code, name or alias that names two profiles.

``audit run us`` must mean one profile. When a profile's alias is another's ISO code, or two
files carry the same id, the lookup cannot choose (it refuses, listing the candidates) and
``run --all`` would write both reports to one file, so ``audit check`` reports each clash at the
name in every checked profile involved: ``duplicate-id`` for two profiles with one id,
``ambiguous-name`` for any other name two profiles share (compared by ``name_key``: NFC and
case folded). The other profiles of the data folder are read to find the clashes, not checked.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import PurePath

from trafficking_audit.check.problems import at
from trafficking_audit.load.loader import LoadedProfile, ProfileIndex
from trafficking_audit.models.check import Problem
from trafficking_audit.models.names import Name, clashes


def check_names(checked: Sequence[LoadedProfile], data: Sequence[Name]) -> Iterator[Problem]:
    """A problem at each name of a checked profile that another profile of the data folder answers to.

    ``data`` is every name of every profile of the data folder (checked ones included); a checked file
    from elsewhere is compared with them as if it were copied in (replacing the data's file of the same
    name, if any), not with other files from elsewhere.
    """
    for loaded in checked:
        own = ProfileIndex.names(loaded)
        file_name = PurePath(loaded.document.path).name  # a file of that name in the data is what it would replace
        rest = [n for n in data if PurePath(n.owner).name != file_name]
        for _key, found in clashes([*own, *rest]):
            mine = [n for n in found if n.owner == loaded.document.path]
            if not mine:  # a clash of two other profiles: reported when they are checked
                continue
            name = mine[0]
            rivals = [m for m in found if m.owner != name.owner]
            position = loaded.document.position(name.field)
            same_id = [m for m in rivals if m.kind == "id"]
            if name.kind == "id" and same_id:
                where = "; ".join(m.owner for m in same_id)
                yield at(
                    position, f"profile id '{name.value}' is also the id of the profile in {where}", "duplicate-id"
                )
            else:
                where = "; ".join(f"{m.describe()} in {m.owner}" for m in rivals)
                message = (
                    f"{name.kind} '{name.value}' also names {where}: a jurisdiction argument cannot tell them apart"
                )
                yield at(position, message, "ambiguous-name")
