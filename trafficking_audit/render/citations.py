"""Citations as a reader expects them: "Palermo Protocol Art. 3(a)", "TVPA § 108(a)(2)", "FATF Recommendation 3".

Each instrument declares how its parts are named (``parts`` in ``rules/instruments.yaml``), and
this one function writes every citation of every report from it, so no renderer glues "art."
to a section, a recommendation or a handbook cited whole.
"""

from __future__ import annotations

import re

from trafficking_audit.models.language import ENGLISH, N_, Language
from trafficking_audit.models.vocabulary import PartNaming

# part naming -> (word before one part, word before several), gettext messages
PART_WORDS: dict[str, tuple[str, str]] = {
    "article": (N_("Art."), N_("Arts")),
    "section": ("§", "§§"),
    "recommendation": (N_("Recommendation"), N_("Recommendations")),
    "chapter": (N_("ch."), N_("chs")),
}
_NUMBERED = re.compile(r"^(\d|[IVXLC]+\b)")  # a numbered part (3, 108(a), IV), not a named one (Introduction)
_SEVERAL = re.compile(r",|\band\b")


def cite(short: str, parts: PartNaming, article: str, lang: Language = ENGLISH) -> str:
    """One citation: the instrument's short name and the part cited, named as the instrument names its parts."""
    if parts == "document":
        return f"{short} ({article})" if article else short
    if not _NUMBERED.match(article):
        return f"{short}, {article}"
    one, several = PART_WORDS[parts]
    return f"{short} {lang.gettext(several if _SEVERAL.search(article) else one)} {article}"
