"""Where to look for the facts of each section of a profile.

One hint per top-level section of the profile: ``audit new`` writes it above the section
of a scaffold, and the research plan of every report (``evidence_needed``) gives it beside
each fact still to be found, so the two never disagree. A test checks that every section
of the profile schema has one.
"""

from __future__ import annotations

GRETA = "GRETA evaluation reports for Council of Europe states"
TIP = "the US TIP report country narrative"

# Where to look, per top-level section (a test checks that every section has one).
SECTION_HINTS = {
    "memberships": "the member lists of the European Union (european-union.europa.eu) and the Council of Europe "
    "(coe.int).",
    "sources": "list each document once here and cite it by id in the facts' `sources`.",
    "treaties": "the UN Treaty Collection (treaties.un.org) for UN treaties, the Council of Europe Treaty Office "
    "for CETS treaties, ILO NORMLEX (normlex.ilo.org) for ILO conventions.",
    "offence": f"the national criminal code and its amendments in the official gazette; {TIP} (prosecution); {GRETA}.",
    "jurisdiction": "the general part of the criminal code (offences committed abroad) in the official gazette; "
    f"{GRETA}.",
    "protection": f"the anti-trafficking or victim-assistance law and its regulations in the official gazette; {TIP} "
    f"(protection); {GRETA}.",
    "institutions": f"laws, decrees and national action plans in the official gazette; {TIP}; {GRETA}.",
    "prevention": f"labour, migration and recruitment-agency laws in the official gazette; {TIP} (prevention); "
    "ILO NORMLEX (comments of the Committee of Experts) for forced labour and labour inspection.",
    "cooperation": "the criminal procedure code and the anti-money-laundering law in the official gazette; "
    f"{GRETA}; {TIP}.",
    "borders": "the border-guard, immigration and identity-document laws in the official gazette; the transport or "
    f"aviation law (carriers' duties); {GRETA}; {TIP} (prevention).",
    "statistics": f"{TIP} (prosecution, protection) and the statistics of the prosecutor's office, interior ministry "
    "or courts; keep differing counts as separate entries with their counting basis.",
    "tip_tiers": "the US TIP report, each edition's tier placements (state.gov/trafficking-in-persons-report).",
}
