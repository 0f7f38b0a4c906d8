"""The jurisdiction profile: the data contract analysts edit, one YAML file per jurisdiction.

Every legal or institutional fact is a :class:`~trafficking_audit.models.facts.Fact`
(or a dated history of facts) so it can carry sources, the national provision, a note
and a period of validity. Sections follow the four pillars used by the TIP report and
by the rulebook: the offence and jurisdiction (prosecution), victim protection,
prevention, and institutions and cooperation (partnership). Field names are part of
the rule language: rules refer to them by dotted path, e.g. ``offence.means_role``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr, confloat

from trafficking_audit.models.defaults import empty_dict, empty_list
from trafficking_audit.models.facts import Dated, Day

if TYPE_CHECKING:
    Years = float
else:  # a constrained float; spelled for type checkers above
    Years = confloat(ge=0, le=100, allow_inf_nan=False)


class Section(BaseModel):
    """Base of every profile section: unknown fields are errors, every field is optional."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# --- vocabularies -------------------------------------------------------------------

Act = Literal[
    "recruitment",
    "transportation",
    "transfer",
    "harbouring",
    "receipt",
    "exchange_of_control",
    "sale_purchase",
    "exploitation_itself",
]
Means = Literal[
    "threat",
    "force",
    "coercion",
    "abduction",
    "fraud",
    "deception",
    "abuse_of_power",
    "abuse_of_vulnerability",
    "payments_to_controller",
    "debt_bondage",
    "other_coercion",
    "other_improper_means",
]
MeansRole = Literal["constituent", "aggravating_only", "illustrative", "not_covered"]
Purpose = Literal[
    "sexual_exploitation",
    "forced_labour",
    "slavery",
    "servitude",
    "organ_removal",
    "begging",
    "criminal_activities",
    "forced_marriage",
    "illegal_adoption",
    "surrogacy",
]
Aggravating = Literal[
    "child_victim",
    "endangering_life",
    "serious_violence",
    "public_official",
    "criminal_organisation",
    "ict_use",
    "repeat_offence",
    "multiple_victims",
    "cross_border",
    "death_or_grave_harm",
    "particularly_vulnerable_victim",
]
LegalPersonLiability = Literal["criminal", "administrative", "civil", "none"]
NonPunishment = Literal["statutory", "guidance_only", "none"]
Service = Literal[
    "accommodation",
    "material_support",
    "medical",
    "psychological",
    "legal",
    "interpretation",
    "information",
    "education",
    "employment",
]
TreatyStatusValue = Literal["not_signed", "signed_only", "party", "withdrawn", "not_eligible"]
ConsentType = Literal[
    "ratification",
    "acceptance",
    "approval",
    "accession",
    "succession",
    "definitive_signature",
]
SourceKind = Literal[
    "legislation",
    "official_report",
    "international_report",
    "news",
    "academic",
    "treaty_record",
]
Tier = Literal["Tier 1", "Tier 2", "Tier 2 Watch List", "Tier 3", "Special Case"]


# --- identity and sources -----------------------------------------------------------


class Source(Section):
    """A document that supports facts: a law, an official or international report, news."""

    id: StrictStr = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="Short id used in facts' `sources` lists.")
    title: StrictStr = Field(min_length=1, description="Title of the document, in the original or in translation.")
    publisher: StrictStr | None = Field(default=None, description="Who issued or published it.")
    year: StrictInt | None = Field(default=None, ge=1800, le=2100, description="Year of publication or adoption.")
    url: StrictStr | None = Field(default=None, description="Where it can be read (http or https).")
    accessed: Day | None = Field(default=None, description="When the URL was last read.")
    kind: SourceKind = Field(description="What kind of document this is.")


class Memberships(Section):
    """Memberships that decide which regional standards bind the jurisdiction."""

    eu: Dated[StrictBool] | None = Field(default=None, description="Member State of the European Union.")
    council_of_europe: Dated[StrictBool] | None = Field(
        default=None, description="Member State of the Council of Europe (eligible for CETS 197)."
    )


class Reservation(Section):
    """A reservation or declaration a state made to one article of a treaty."""

    article: StrictStr = Field(description="The article it concerns, e.g. `15(2)` or `31(1)(d)`.")
    kind: Literal["reservation", "declaration", "interpretative_declaration", "understanding"] = Field(
        description="Kind of statement."
    )
    effect: StrictStr = Field(description="What it changes, in your own words.")
    sources: list[StrictStr] = Field(default_factory=empty_list, description="Ids of supporting sources.")


class TreatyStatus(Section):
    """The jurisdiction's status under one instrument of `rules/instruments.yaml`."""

    status: Dated[TreatyStatusValue] = Field(description="not_signed, signed_only, party, withdrawn or not_eligible.")
    signed: Day | None = Field(default=None, description="Date of signature.")
    consent: ConsentType | None = Field(default=None, description="How consent to be bound was expressed.")
    deposited: Day | None = Field(
        default=None, description="Date the instrument of consent was deposited or registered."
    )
    in_force: Day | None = Field(default=None, description="Date the treaty entered into force for the state.")
    reservations: list[Reservation] = Field(
        default_factory=empty_list, description="Reservations and declarations, per article."
    )


# --- prosecution ----------------------------------------------------------------------


class PenaltyRange(Section):
    """Prison terms in years for one variant of the offence."""

    min_years: Dated[Years] | None = Field(default=None, description="Minimum prison term in years.")
    max_years: Dated[Years] | None = Field(
        default=None, description="Maximum prison term in years (use 100 for life imprisonment)."
    )


class Penalties(Section):
    """Penalties for the basic, child and aggravated trafficking offence."""

    basic: PenaltyRange = Field(default_factory=PenaltyRange, description="The basic offence against an adult.")
    child: PenaltyRange = Field(default_factory=PenaltyRange, description="The offence against a child.")
    aggravated: PenaltyRange = Field(default_factory=PenaltyRange, description="The most serious aggravated form.")
    fine_only_alternative: Dated[StrictBool] | None = Field(
        default=None, description="A fine alone can be imposed instead of prison for the principal offence."
    )


class Offence(Section):
    """The trafficking offence(s) in national criminal law."""

    exists: Dated[StrictBool] | None = Field(
        default=None, description="A specific trafficking offence exists in statute."
    )
    provisions: Dated[list[StrictStr]] | None = Field(
        default=None, description="The provisions that define it, e.g. `Criminal Code Art. 128`."
    )
    acts: Dated[list[Act]] | None = Field(default=None, description="Acts covered by the offence.")
    means: Dated[list[Means]] | None = Field(
        default=None, description="Means named in the law, whether as elements or as aggravating circumstances."
    )
    means_role: Dated[MeansRole] | None = Field(
        default=None,
        description="For adult victims: are the means constituent elements, only aggravating circumstances, "
        "illustrative examples, or not covered?",
    )
    consent_irrelevant: Dated[StrictBool] | None = Field(
        default=None, description="The victim's consent is irrelevant where means were used."
    )
    child_age_threshold: Dated[StrictInt] | None = Field(
        default=None, description="Age under which a victim counts as a child."
    )
    child_means_required: Dated[StrictBool] | None = Field(
        default=None, description="Means must be proved when the victim is a child."
    )
    purposes: Dated[list[Purpose]] | None = Field(default=None, description="Forms of exploitation covered.")
    requires_border_crossing: Dated[StrictBool] | None = Field(
        default=None, description="The offence needs movement across a border."
    )
    requires_organised_group: Dated[StrictBool] | None = Field(
        default=None, description="The offence needs an organised criminal group."
    )
    aggravating_circumstances: Dated[list[Aggravating]] | None = Field(
        default=None, description="Aggravating or qualifying circumstances."
    )
    penalties: Penalties = Field(default_factory=Penalties, description="Prison terms.")
    legal_persons_liability: Dated[LegalPersonLiability] | None = Field(
        default=None, description="Kind of liability of legal persons for trafficking."
    )
    confiscation: Dated[StrictBool] | None = Field(
        default=None, description="Proceeds and instrumentalities can be confiscated."
    )
    freezing: Dated[StrictBool] | None = Field(default=None, description="Assets can be frozen before trial.")
    knowing_use_offence: Dated[StrictBool] | None = Field(
        default=None, description="Knowingly using the services of a victim is an offence."
    )
    attempt_and_complicity: Dated[StrictBool] | None = Field(
        default=None, description="Attempt, aiding and organising are punishable."
    )
    forced_labour_offence: Dated[StrictBool] | None = Field(
        default=None, description="Forced labour is a distinct offence."
    )
    ex_officio: Dated[StrictBool] | None = Field(
        default=None, description="Prosecution does not depend on a complaint by the victim."
    )
    settlement_with_victim_bars_prosecution: Dated[StrictBool] | None = Field(
        default=None, description="A settlement with the victim can end the case."
    )
    organised_group_offence: Dated[StrictBool] | None = Field(
        default=None,
        description=(
            "Participation in an organised criminal group (or agreement to commit a serious crime) is an "
            "offence (UNTOC Art. 5)."
        ),
    )
    obstruction_of_justice_offence: Dated[StrictBool] | None = Field(
        default=None,
        description=(
            "Using force, threats, intimidation or bribes to obtain false testimony or to interfere with "
            "testimony, evidence or officials is an offence (UNTOC Art. 23)."
        ),
    )
    document_offences: Dated[StrictBool] | None = Field(
        default=None,
        description=(
            "Forging, procuring or providing a travel or identity document, and retaining, hiding or "
            "destroying another person's document, are offences when done to enable trafficking (CETS 197"
            " Art. 20)."
        ),
    )
    foreign_convictions_considered: Dated[StrictBool] | None = Field(
        default=None,
        description=(
            "Final sentences passed abroad for trafficking can be taken into account when determining the"
            " penalty (CETS 197 Art. 25)."
        ),
    )
    cooperating_offender_measures: Dated[StrictBool] | None = Field(
        default=None,
        description=(
            "Offenders who give substantial help to the investigation can receive a reduced penalty or "
            "immunity, or other incentives, in law (UNTOC Art. 26)."
        ),
    )
    closure_or_disqualification: Dated[StrictBool] | None = Field(
        default=None,
        description=(
            "An establishment used for trafficking can be closed, or the offender barred from the "
            "activity in which the offence was committed (CETS 197 Art. 23(4))."
        ),
    )


class Jurisdiction(Section):
    """Criminal jurisdiction over trafficking."""

    territorial: Dated[StrictBool] | None = Field(
        default=None, description="Offences on the territory, ships and aircraft."
    )
    active_nationality: Dated[StrictBool] | None = Field(
        default=None, description="Offences committed abroad by nationals (or residents)."
    )
    passive_nationality: Dated[StrictBool] | None = Field(
        default=None, description="Offences committed abroad against nationals."
    )
    double_criminality_required: Dated[StrictBool] | None = Field(
        default=None, description="Nationality jurisdiction needs the act to be an offence where it was committed."
    )
    double_criminality_waived_for_children: Dated[StrictBool] | None = Field(
        default=None, description="No double criminality for offences against children abroad."
    )
    prosecution_instead_of_extradition: Dated[StrictBool] | None = Field(
        default=None,
        description=(
            "When extradition of an alleged offender is refused because he or she is a national, the case"
            " is submitted to national prosecutors (aut dedere aut judicare; UNTOC Arts 15(3), 16(10); "
            "CETS 197 Art. 31(3))."
        ),
    )


# --- protection -----------------------------------------------------------------------


class ReferralMechanism(Section):
    """Identification and referral of victims (the national referral mechanism, NRM)."""

    exists: Dated[StrictBool] | None = Field(
        default=None, description="A formal identification and referral procedure exists."
    )
    unified_national: Dated[StrictBool] | None = Field(
        default=None, description="One mechanism for the whole country, binding on all agencies."
    )
    legal_basis: Dated[StrictStr] | None = Field(
        default=None, description="The law, regulation or order that sets it out."
    )
    ngo_involvement: Dated[StrictBool] | None = Field(
        default=None, description="NGOs take part in identification or referral."
    )


class Assistance(Section):
    """Assistance to victims."""

    available: Dated[StrictBool] | None = Field(default=None, description="State-funded assistance is available.")
    conditional_on_cooperation: Dated[StrictBool] | None = Field(
        default=None, description="Assistance depends on cooperating with the authorities or on a criminal case."
    )
    services: Dated[list[Service]] | None = Field(default=None, description="Services provided.")
    covers_men: Dated[StrictBool] | None = Field(default=None, description="Men are assisted too.")
    covers_children: Dated[StrictBool] | None = Field(default=None, description="Children are assisted too.")
    covers_foreigners: Dated[StrictBool] | None = Field(
        default=None, description="Foreign victims are assisted on equal terms."
    )
    lawful_residents_access: Dated[StrictBool] | None = Field(
        default=None,
        description=(
            "Victims lawfully resident get necessary medical or other help when they lack resources, and "
            "rules give them access to the labour market, vocational training and education (CETS 197 "
            "Art. 12(3)-(4))."
        ),
    )
    consent_based: Dated[StrictBool] | None = Field(
        default=None,
        description=(
            "Assistance is given with the victim's informed consent: no compulsory stay in a shelter or "
            "closed facility (CETS 197 Art. 12(7))."
        ),
    )


class Compensation(Section):
    """Compensation for victims."""

    from_offender: Dated[StrictBool] | None = Field(
        default=None, description="Compensation can be claimed from the offender."
    )
    state_fund: Dated[StrictBool] | None = Field(
        default=None, description="A state fund or scheme compensates victims."
    )


class ChildSafeguards(Section):
    """Safeguards for child victims."""

    presumption_of_minority: Dated[StrictBool] | None = Field(
        default=None, description="A person of uncertain age is presumed a child."
    )
    guardian: Dated[StrictBool] | None = Field(default=None, description="A guardian or representative is appointed.")
    child_friendly_procedures: Dated[StrictBool] | None = Field(
        default=None, description="Interviews and proceedings adapted to children."
    )
    residence_best_interests: Dated[StrictBool] | None = Field(
        default=None,
        description=(
            "Residence permits for child victims are issued, where legally necessary, in the child's best"
            " interests (CETS 197 Art. 14(2))."
        ),
    )


class Proceedings(Section):
    """Victims' rights and safety in criminal proceedings."""

    privacy_protected: Dated[StrictBool] | None = Field(
        default=None,
        description=(
            "Victims' identity and private life are protected: proceedings can be closed to the public "
            "and publishing a victim's identity is prohibited (Palermo Art. 6(1); CETS 197 Art. 11)."
        ),
    )
    information_on_proceedings: Dated[StrictBool] | None = Field(
        default=None,
        description=(
            "Victims are informed, in a language they understand, of their rights and of the relevant "
            "judicial and administrative proceedings (Palermo Art. 6(2)(a); CETS 197 Art. 15(1))."
        ),
    )
    free_legal_aid: Dated[StrictBool] | None = Field(
        default=None,
        description="Victims have a right to legal assistance and to free legal aid (CETS 197 Art. 15(2)).",
    )
    views_presented: Dated[StrictBool] | None = Field(
        default=None,
        description=(
            "Victims can present their views and concerns at appropriate stages of criminal proceedings, "
            "e.g. as injured party (Palermo Art. 6(2)(b); UNTOC Art. 25(3))."
        ),
    )
    ngo_support: Dated[StrictBool] | None = Field(
        default=None,
        description=(
            "NGOs can assist or support victims, with their consent, during criminal proceedings (CETS 197 Art. 27(3))."
        ),
    )
    witness_protection: Dated[StrictBool] | None = Field(
        default=None,
        description=(
            "Victims and witnesses in trafficking cases can get protection from retaliation or "
            "intimidation: physical protection, relocation, non-disclosure of identity (UNTOC Art. 24; "
            "CETS 197 Art. 28)."
        ),
    )
    protective_testimony: Dated[StrictBool] | None = Field(
        default=None,
        description=(
            "Victims can testify without facing the accused: video link, screens, recorded statements or "
            "closed hearings (UNTOC Art. 24(2)(b); CETS 197 Art. 30)."
        ),
    )
    complaint_in_state_of_residence: Dated[StrictBool] | None = Field(
        default=None,
        description=(
            "Residents trafficked in another state can lodge a complaint with the authorities at home, which "
            "pass it without delay to the state where the offence was committed (CETS 197 Art. 27(2))."
        ),
    )
    ngo_protection: Dated[StrictBool] | None = Field(
        default=None,
        description=(
            "Members of NGOs and other groups that support victims in proceedings can be protected, when "
            "necessary, from retaliation or intimidation (CETS 197 Art. 28(4))."
        ),
    )


class Protection(Section):
    """Identification, assistance and protection of victims."""

    referral: ReferralMechanism = Field(default_factory=ReferralMechanism, description="The referral mechanism.")
    assistance: Assistance = Field(default_factory=Assistance, description="Assistance to victims.")
    shelters: Dated[StrictBool] | None = Field(default=None, description="Government-funded shelters exist.")
    reflection_period_days: Dated[StrictInt] | None = Field(
        default=None, description="Recovery and reflection period in law, in days (0 when none)."
    )
    residence_permit: Dated[StrictBool] | None = Field(
        default=None, description="Foreign victims can get a residence permit."
    )
    non_punishment: Dated[NonPunishment] | None = Field(
        default=None, description="Whether victims are protected from punishment for compelled offences."
    )
    compensation: Compensation = Field(default_factory=Compensation, description="Compensation.")
    child_safeguards: ChildSafeguards = Field(default_factory=ChildSafeguards, description="Safeguards for children.")
    safe_return_risk_assessment: Dated[StrictBool] | None = Field(
        default=None, description="Returns require a risk and safety assessment."
    )
    proceedings: Proceedings = Field(
        default_factory=Proceedings, description="Victims' rights and safety in criminal proceedings."
    )
    repatriation_of_nationals: Dated[StrictBool] | None = Field(
        default=None,
        description=(
            "The state facilitates and accepts the return of its trafficked nationals and residents, "
            "verifies nationality and issues travel documents on request without undue delay (Palermo "
            "Art. 8(1), (3), (4); CETS 197 Art. 16(1), (3), (4))."
        ),
    )
    residence_permit_renewable: Dated[StrictBool] | None = Field(
        default=None,
        description="The residence permit for victims is renewable (CETS 197 Art. 14(1)).",
    )
    asylum_without_prejudice: Dated[StrictBool] | None = Field(
        default=None,
        description=(
            "A victim's residence permit or status does not prevent him or her from seeking asylum (CETS "
            "197 Art. 14(5))."
        ),
    )
    residence_permit_counted_for_other_permits: Dated[StrictBool] | None = Field(
        default=None,
        description=(
            "When a victim applies for another kind of residence permit, the fact that he or she holds or "
            "held a victim's permit is taken into account (CETS 197 Art. 14(4))."
        ),
    )


# --- institutions, prevention, cooperation -------------------------------------------


class Institutions(Section):
    """Law, policy and institutions."""

    specialised_law: Dated[StrictBool] | None = Field(
        default=None, description="A comprehensive anti-trafficking law is in force."
    )
    coordinating_body: Dated[StrictBool] | None = Field(
        default=None, description="A national coordinator or coordinating body with a mandate."
    )
    independent_rapporteur: Dated[StrictBool] | None = Field(
        default=None, description="An independent national rapporteur or equivalent monitor."
    )
    national_action_plan: Dated[StrictBool] | None = Field(
        default=None, description="A national action plan is in force (record each plan as a dated value)."
    )
    specialised_units: Dated[StrictBool] | None = Field(
        default=None, description="Specialised police or prosecution units."
    )
    training_mandated: Dated[StrictBool] | None = Field(default=None, description="Training of officials is mandated.")
    data_published: Dated[StrictBool] | None = Field(default=None, description="Annual statistics are published.")
    ngo_cooperation: Dated[StrictBool] | None = Field(
        default=None, description="A formal framework for cooperation with NGOs."
    )
    gender_mainstreaming: Dated[StrictBool] | None = Field(
        default=None,
        description=(
            "Anti-trafficking policy is developed and assessed with gender mainstreaming and a child-"
            "sensitive approach (CETS 197 Arts 5(3), 17)."
        ),
    )


class Prevention(Section):
    """Prevention of trafficking."""

    awareness_campaigns: Dated[StrictBool] | None = Field(default=None, description="Public awareness campaigns.")
    hotline: Dated[StrictBool] | None = Field(default=None, description="A trafficking hotline.")
    recruitment_fees_ban: Dated[StrictBool] | None = Field(
        default=None, description="Workers may not be charged recruitment fees."
    )
    agency_licensing: Dated[StrictBool] | None = Field(
        default=None, description="Recruitment agencies are licensed and inspected."
    )
    labour_inspection_all_sectors: Dated[StrictBool] | None = Field(
        default=None, description="Labour inspection reaches all sectors, domestic work and agriculture included."
    )
    demand_reduction: Dated[StrictBool] | None = Field(default=None, description="Measures to discourage demand.")
    supply_chain_due_diligence: Dated[StrictBool] | None = Field(
        default=None, description="Procurement or due-diligence rules address forced labour."
    )
    labour_inspection_industry_commerce: Dated[StrictBool] | None = Field(
        default=None,
        description="Labour inspection covers industrial and commercial workplaces (ILO C081).",
    )
    labour_inspection_agriculture: Dated[StrictBool] | None = Field(
        default=None,
        description="Labour inspection covers agricultural undertakings (ILO C129).",
    )
    labour_inspection_domestic_work: Dated[StrictBool] | None = Field(
        default=None,
        description=(
            "Compliance with labour law is monitored for domestic workers, e.g. through labour inspection"
            " or a complaint mechanism (ILO C189 Art. 17)."
        ),
    )
    vulnerability_measures: Dated[StrictBool] | None = Field(
        default=None,
        description=(
            "Programmes address the factors that make people vulnerable to trafficking, such as poverty, "
            "underdevelopment and lack of equal opportunity (Palermo Art. 9(4))."
        ),
    )
    targeted_at_risk_groups: Dated[StrictBool] | None = Field(
        default=None,
        description=(
            "Awareness and prevention measures are aimed at women, children and other groups at risk "
            "(Palermo Art. 9(2); CETS 197 Art. 5(2)-(3))."
        ),
    )


class Cooperation(Section):
    """International cooperation and financial investigation."""

    mutual_legal_assistance: Dated[StrictBool] | None = Field(
        default=None, description="Mutual legal assistance is available for trafficking."
    )
    extradition: Dated[StrictBool] | None = Field(default=None, description="Trafficking is an extraditable offence.")
    joint_investigation_teams: Dated[StrictBool] | None = Field(
        default=None, description="Joint investigation teams are lawful."
    )
    special_investigative_techniques: Dated[StrictBool] | None = Field(
        default=None, description="Controlled delivery, interception, undercover work are available."
    )
    financial_investigations: Dated[StrictBool] | None = Field(
        default=None, description="Parallel financial investigations are required or practised."
    )
    money_laundering_predicate: Dated[StrictBool] | None = Field(
        default=None, description="Trafficking is a predicate offence for money laundering."
    )
    law_enforcement_information_exchange: Dated[StrictBool] | None = Field(
        default=None,
        description=(
            "Police, border and immigration authorities exchange information on trafficking cases with "
            "foreign counterparts through set channels (liaison officers, Interpol, regional bodies) "
            "(Palermo Art. 10(1); UNTOC Art. 27)."
        ),
    )
    shared_information_safeguards: Dated[StrictBool] | None = Field(
        default=None,
        description=(
            "Information received from foreign authorities is used only within the restrictions the "
            "sending state sets, under a law or agreement that binds the authorities (Palermo Art. 10(3); "
            "UNTOC Art. 18(5), (19))."
        ),
    )
    foreign_confiscation_orders: Dated[StrictBool] | None = Field(
        default=None,
        description=(
            "Foreign requests to confiscate trafficking proceeds are executed, or foreign confiscation "
            "orders given effect (UNTOC Art. 13)."
        ),
    )
    asset_return_for_victims: Dated[StrictBool] | None = Field(
        default=None,
        description=(
            "Confiscated proceeds can be returned to the requesting state or used to compensate victims "
            "(UNTOC Art. 14(2))."
        ),
    )
    online_investigation_capacity: Dated[StrictBool] | None = Field(
        default=None,
        description=(
            "Investigators have the mandate, training and tools to investigate trafficking facilitated "
            "online (digital evidence, online patrols, requests to service providers) (UNTOC Art. "
            "29(1)(h))."
        ),
    )
    endangered_person_alerts: Dated[StrictBool] | None = Field(
        default=None,
        description=(
            "Information that a victim, witness or family member is in immediate danger in another state "
            "is sent to that state without delay so that it can protect the person (CETS 197 Art. 33(1))."
        ),
    )
    victim_status_information: Dated[StrictBool] | None = Field(
        default=None,
        description=(
            "Information another state requests in order to grant a victim a recovery period, a residence"
            " permit or a safe return is sent without delay, with the victim's privacy respected (CETS 197"
            " Art. 34(4))."
        ),
    )


class Borders(Section):
    """Border measures and the security of travel and identity documents."""

    border_detection: Dated[StrictBool] | None = Field(
        default=None,
        description=(
            "Border authorities have procedures and training to detect trafficking at the border (Palermo"
            " Art. 11(1); CETS 197 Art. 7(1))."
        ),
    )
    carrier_obligations: Dated[StrictBool] | None = Field(
        default=None,
        description=(
            "Commercial carriers must check that passengers hold the travel documents required for entry,"
            " with sanctions for breaches (Palermo Art. 11(3)-(4); CETS 197 Art. 7(3)-(4))."
        ),
    )
    document_security: Dated[StrictBool] | None = Field(
        default=None,
        description=(
            "Travel and identity documents are hard to misuse, forge or issue unlawfully, and their "
            "issuance is protected (Palermo Art. 12; CETS 197 Art. 8)."
        ),
    )
    document_verification: Dated[StrictBool] | None = Field(
        default=None,
        description=(
            "At another state's request, the authorities verify within a reasonable time whether "
            "documents issued in the state's name are legitimate and valid (Palermo Art. 13; CETS 197 "
            "Art. 9)."
        ),
    )
    entry_denial: Dated[StrictBool] | None = Field(
        default=None,
        description=(
            "Entry can be refused, or a visa revoked, for persons implicated in trafficking offences "
            "(Palermo Art. 11(5); CETS 197 Art. 7(5))."
        ),
    )


class StatisticsYear(Section):
    """Criminal justice and victim figures for one year, as one source counts them."""

    year: StrictInt = Field(ge=1990, le=2100, description="Calendar or reporting year.")
    investigations: StrictInt | None = Field(default=None, ge=0, description="Investigations or criminal cases opened.")
    prosecutions: StrictInt | None = Field(default=None, ge=0, description="Prosecutions or cases sent to court.")
    convictions: StrictInt | None = Field(default=None, ge=0, description="Persons convicted.")
    victims_identified: StrictInt | None = Field(default=None, ge=0, description="Victims identified.")
    counting_basis: StrictStr = Field(description="What was counted and by whom (articles, agency, period).")
    used_by_audit: StrictBool = Field(default=True, description="False for an alternative count kept for comparison.")
    sources: list[StrictStr] = Field(default_factory=empty_list, description="Ids of supporting sources.")
    note: StrictStr | None = Field(default=None, description="Comment, e.g. how this count differs from another.")


class TipAssessment(Section):
    """A US Trafficking in Persons report tier placement."""

    report_year: StrictInt = Field(ge=2001, le=2100, description="Year of the TIP report edition.")
    tier: Tier = Field(description="Tier placement in that edition.")
    sources: list[StrictStr] = Field(default_factory=empty_list, description="Ids of supporting sources.")
    note: StrictStr | None = Field(default=None, description="Comment, e.g. upgraded or downgraded.")


class Profile(Section):
    """A jurisdiction's anti-trafficking framework: every fact sourced and dated."""

    id: StrictStr = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="Slug, equal to the file name without `.yaml`.")
    name: StrictStr = Field(min_length=1, description="Name of the jurisdiction.")
    iso2: StrictStr = Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2 code.")
    iso3: StrictStr = Field(pattern=r"^[A-Z]{3}$", description="ISO 3166-1 alpha-3 code.")
    aliases: list[StrictStr] = Field(default_factory=empty_list, description="Other names the CLI accepts.")
    region: StrictStr | None = Field(default=None, description="Region, e.g. `Central Asia`.")
    last_reviewed: Day = Field(description="Date an editor last reviewed the whole profile.")
    history_from: Day | None = Field(
        default=None,
        description=(
            "The first date the profile's facts describe: an audit dated earlier is refused, since facts "
            "without `valid_from` are only known to hold from here on."
        ),
    )
    memberships: Memberships = Field(default_factory=Memberships, description="EU and Council of Europe membership.")
    sources: list[Source] = Field(default_factory=empty_list, description="Documents cited by facts.")
    treaties: dict[StrictStr, TreatyStatus] = Field(
        default_factory=empty_dict, description="Status per instrument id of `rules/instruments.yaml`."
    )
    offence: Offence = Field(default_factory=Offence, description="The trafficking offence.")
    jurisdiction: Jurisdiction = Field(default_factory=Jurisdiction, description="Criminal jurisdiction.")
    protection: Protection = Field(default_factory=Protection, description="Victim protection.")
    institutions: Institutions = Field(default_factory=Institutions, description="Law, policy and institutions.")
    prevention: Prevention = Field(default_factory=Prevention, description="Prevention.")
    cooperation: Cooperation = Field(default_factory=Cooperation, description="International cooperation.")
    borders: Borders = Field(default_factory=Borders, description="Border measures and document security.")
    statistics: list[StatisticsYear] = Field(
        default_factory=empty_list, description="Figures per year with counting basis."
    )
    tip_tiers: list[TipAssessment] = Field(default_factory=empty_list, description="US TIP report tiers per edition.")
