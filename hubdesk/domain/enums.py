"""Stable codes for every choice a person makes, with labels translated where they are shown.

Codes are what is stored and what travels in bundles; they never change once released. Labels are
msgids marked with ``N_`` and translated by :func:`label` in the language of the moment.
"""

from enum import StrEnum

from hubdesk.domain.money import CURRENCY_DIGITS
from hubdesk.i18n import N_, _, pN_


class Labelled(StrEnum):
    """A StrEnum whose members carry a translatable label."""

    @classmethod
    def labels(cls) -> dict[str, str]:
        raise NotImplementedError

    @property
    def label(self) -> str:
        return _(self.labels()[self.value])


def label(value: Labelled | str, enum: type[Labelled] | None = None) -> str:
    """Translated label of a code (accepts the enum member or its stored string)."""
    if isinstance(value, Labelled):
        return value.label
    assert enum is not None, "a plain code needs its enum"
    return enum(value).label


class Role(Labelled):
    MUNICIPALITY = "municipality"
    FIELD = "field"
    HUB = "hub"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "municipality": N_("Municipality"),
            "field": N_("Field laptop"),
            "hub": N_("Regional hub"),
        }


class Country(StrEnum):
    """Countries of the network (ISO 3166 codes; XK is the code in common use for Kosovo).

    Names come from CLDR through :func:`hubdesk.i18n.names.country_name`, not from this module.
    """

    AL = "AL"
    BA = "BA"
    XK = "XK"
    ME = "ME"
    MK = "MK"
    RS = "RS"


# Albanian names a municipality "bashkia" in Albania and "komuna" in Kosovo and North Macedonia
# (translations/GLOSSARY.md): where the country is known, the word comes in that country's
# context; the plain msgid is the word of Kosovo and North Macedonia (and every other language's).
MUNICIPALITY_BY_COUNTRY: dict[str, str] = {"AL": pN_("municipality in Albania", "Municipality")}
MUNICIPALITY_NAME_BY_COUNTRY: dict[str, str] = {
    "AL": pN_("municipality in Albania", "Name of the municipality")
}
# A column listing municipalities of several countries (the hub's regional report).
MUNICIPALITY_OF_SEVERAL_COUNTRIES = pN_("municipalities of several countries", "Municipality")


def municipality_term(country: str | None) -> str:
    """The msgid of the word "Municipality" as said of one in ``country``."""
    return MUNICIPALITY_BY_COUNTRY.get(country or "", N_("Municipality"))


def municipality_term_for(countries: set[str]) -> str:
    """The word heading a list of municipalities of ``countries``."""
    if len(countries) == 1:
        return municipality_term(next(iter(countries)))
    return MUNICIPALITY_OF_SEVERAL_COUNTRIES


CURRENCY_BY_COUNTRY: dict[Country, str] = {
    Country.AL: "ALL",
    Country.BA: "BAM",
    Country.XK: "EUR",
    Country.ME: "EUR",
    Country.MK: "MKD",
    Country.RS: "RSD",
}
# The currencies HubDesk keeps money in: those its money table has digits for.
CURRENCIES: tuple[str, ...] = tuple(CURRENCY_DIGITS)


class TeamKind(Labelled):
    CAT = "cat"
    PUBLIC_SAFETY_COUNCIL = "public_safety_council"
    LOCAL_SAFETY_COUNCIL = "local_safety_council"
    PREVENTION_TEAM = "prevention_team"
    OTHER = "other"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "cat": N_("Community Action Team"),
            "public_safety_council": N_("Public Safety Council"),
            "local_safety_council": N_("Local Safety Council"),
            "prevention_team": N_("Local prevention team"),
            "other": N_("Other multi-actor team"),
        }


class Sector(Labelled):
    LOCAL_GOVERNMENT = "local_government"
    EDUCATION = "education"
    SOCIAL_WORK = "social_work"
    HEALTH = "health"
    POLICE = "police"
    RELIGIOUS = "religious"
    CIVIL_SOCIETY = "civil_society"
    YOUTH = "youth"
    MEDIA = "media"
    PRIVATE = "private"
    OTHER = "other"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "local_government": N_("Local government"),
            "education": N_("Education"),
            "social_work": N_("Centre for social work"),
            "health": N_("Health"),
            "police": N_("Police"),
            "religious": N_("Religious community"),
            "civil_society": N_("Civil society"),
            "youth": N_("Youth"),
            "media": N_("Media"),
            "private": N_("Private sector"),
            "other": N_("Other"),
        }


class TeamRole(Labelled):
    CHAIR = "chair"
    DEPUTY_CHAIR = "deputy_chair"
    COORDINATOR = "coordinator"
    FOCAL_POINT = "focal_point"
    SECRETARY = "secretary"
    MEMBER = "member"
    OBSERVER = "observer"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "chair": N_("Chair"),
            "deputy_chair": N_("Deputy chair"),
            "coordinator": N_("Coordinator"),
            "focal_point": N_("Focal point"),
            "secretary": N_("Secretary"),
            "member": N_("Member"),
            "observer": N_("Observer"),
        }


# A woman's role has its own form in every language of the region but English ("Koordinatorka",
# "Članica", "Anëtare"; Serbia's law on gender equality asks it of official documents): the roster
# and the team list say it so. The choice of a role (a form, a spreadsheet) keeps the plain label.
ROLE_OF_A_WOMAN: dict[str, str] = {
    "chair": pN_("role of a woman", "Chair"),
    "deputy_chair": pN_("role of a woman", "Deputy chair"),
    "coordinator": pN_("role of a woman", "Coordinator"),
    "focal_point": pN_("role of a woman", "Focal point"),
    "secretary": pN_("role of a woman", "Secretary"),
    "member": pN_("role of a woman", "Member"),
    "observer": pN_("role of a woman", "Observer"),
}


def role_msgid(role: str, gender: str | None) -> str:
    """The msgid of ``role`` as said of a member of ``gender`` (the code if unknown)."""
    if gender == "female" and role in ROLE_OF_A_WOMAN:
        return ROLE_OF_A_WOMAN[role]
    return TeamRole.labels().get(role, role)


def role_label(role: str, gender: str | None) -> str:
    """``role`` translated so that it agrees with a member of ``gender``."""
    return _(role_msgid(role, gender))


class Gender(Labelled):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "female": N_("Female"),
            "male": N_("Male"),
            "other": N_("Other or not stated"),
        }


class AgeBand(Labelled):
    UNDER_15 = "u15"
    FROM_15_TO_19 = "15_19"
    FROM_20_TO_24 = "20_24"
    FROM_25_TO_29 = "25_29"
    FROM_30 = "30p"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "u15": N_("Under 15"),
            "15_19": N_("15–19"),
            "20_24": N_("20–24"),
            "25_29": N_("25–29"),
            "30p": N_("30 and over"),
        }


def count_column(gender: Gender | str, band: AgeBand | str) -> str:
    """Name of the youth-activity column holding the count for one gender and age band."""
    return f"n_{Gender(gender).value}_{AgeBand(band).value}"


COUNT_COLUMNS: tuple[str, ...] = tuple(count_column(g, b) for g in Gender for b in AgeBand)


class Pillar(Labelled):
    PEER_LEARNING = "peer_learning"
    CAPACITY_BUILDING = "capacity_building"
    COOPERATION = "cooperation"
    CITY_VOICES = "city_voices"
    YOUTH_ENGAGEMENT = "youth_engagement"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "peer_learning": N_("Peer learning between cities"),
            "capacity_building": N_("Capacity-building"),
            "cooperation": N_("National-local, local-local and multi-actor cooperation"),
            "city_voices": N_("Elevating city voices"),
            "youth_engagement": N_("Youth-local government engagement"),
        }


class MeetingKind(Labelled):
    REGULAR = "regular"
    EXTRAORDINARY = "extraordinary"
    WORKING_GROUP = "working_group"
    PUBLIC = "public"
    TRAINING = "training"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "regular": N_("Regular meeting"),
            "extraordinary": N_("Extraordinary meeting"),
            "working_group": N_("Working group"),
            "public": N_("Public meeting"),
            "training": N_("Training session"),
        }


class AttendanceStatus(Labelled):
    PRESENT = "present"
    EXCUSED = "excused"
    ABSENT = "absent"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {"present": N_("Present"), "excused": N_("Excused"), "absent": N_("Absent")}


# A person's attendance agrees with the person in most of our languages ("prisutan" / "prisutna",
# "присутен" / "присутна"): a context per gender lets each language say it. Without a known
# gender ("other or not stated"), the plain label.
ATTENDANCE_BY_GENDER: dict[str, dict[str, str]] = {
    "female": {
        "present": pN_("attendance of a woman", "Present"),
        "excused": pN_("attendance of a woman", "Excused"),
        "absent": pN_("attendance of a woman", "Absent"),
    },
    "male": {
        "present": pN_("attendance of a man", "Present"),
        "excused": pN_("attendance of a man", "Excused"),
        "absent": pN_("attendance of a man", "Absent"),
    },
}


def attendance_msgid(status: str, gender: str | None) -> str:
    """The msgid of ``status`` as said of a member of ``gender`` (the code if unknown)."""
    by_gender = ATTENDANCE_BY_GENDER.get(gender or "", {})
    return by_gender.get(status) or AttendanceStatus.labels().get(status, status)


def attendance_label(status: str, gender: str | None) -> str:
    """``status`` translated so that it agrees with a member of ``gender``."""
    return _(attendance_msgid(status, gender))


class ActionStatus(Labelled):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "open": N_("Open"),
            "in_progress": N_("In progress"),
            "done": N_("Done"),
            "cancelled": N_("Cancelled"),
        }


class ActivityType(Labelled):
    WORKSHOP = "workshop"
    TRAINING = "training"
    CAMPAIGN = "campaign"
    SPORTS_CULTURE = "sports_culture"
    YOUTH_COUNCIL = "youth_council"
    DIALOGUE = "dialogue"
    VOLUNTEERING = "volunteering"
    EXCHANGE = "exchange"
    OTHER = "other"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "workshop": N_("Workshop"),
            "training": N_("Training"),
            "campaign": N_("Awareness campaign"),
            "sports_culture": N_("Sports or cultural event"),
            "youth_council": N_("Youth council session"),
            "dialogue": N_("Dialogue with local officials"),
            "volunteering": N_("Volunteering action"),
            "exchange": N_("Youth exchange"),
            "other": N_("Other"),
        }


# Lists of proposals to open by, beside their statuses (the dashboard's fund tiles open them):
# those the hub's standing decision approved, at whatever stage since; those with a report
# overdue.
APPROVED_ANY = "approved_any"
REPORT_OVERDUE = "report_overdue"


class ProposalStatus(Labelled):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    UNDER_REVIEW = "under_review"
    CHANGES_REQUESTED = "changes_requested"
    APPROVED = "approved"
    REJECTED = "rejected"
    IN_IMPLEMENTATION = "in_implementation"
    COMPLETED = "completed"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "draft": N_("Draft"),
            "submitted": N_("Submitted"),
            "under_review": N_("Under review"),
            "changes_requested": N_("Changes requested"),
            "approved": N_("Approved"),
            "rejected": N_("Rejected"),
            "in_implementation": N_("In implementation"),
            "completed": N_("Completed"),
        }


# The statuses the hub's decision sets (and only a decision: see ``fund_workflow``).
DECISION_OUTCOMES: tuple[str, ...] = (
    ProposalStatus.APPROVED,
    ProposalStatus.REJECTED,
    ProposalStatus.CHANGES_REQUESTED,
)


class BudgetCategory(Labelled):
    PERSONNEL = "personnel"
    TRAVEL = "travel"
    EQUIPMENT = "equipment"
    SUPPLIES = "supplies"
    VENUE = "venue"
    COMMUNICATION = "communication"
    SERVICES = "services"
    OTHER = "other"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "personnel": N_("Personnel and fees"),
            "travel": N_("Travel"),
            "equipment": N_("Equipment"),
            "supplies": N_("Supplies and materials"),
            "venue": N_("Venue and catering"),
            "communication": N_("Communication and visibility"),
            "services": N_("Services"),
            "other": N_("Other"),
        }


class Theme(Labelled):
    """What a record is about, beside its pillars: the hub filters the region by theme."""

    HATE_SPEECH = "hate_speech"
    INTERRELIGIOUS_DIALOGUE = "interreligious_dialogue"
    ONLINE_RADICALISATION = "online_radicalisation"
    GENDER_BASED_VIOLENCE = "gender_based_violence"
    REINTEGRATION = "reintegration"
    POLARISATION = "polarisation"
    OTHER = "other"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "hate_speech": N_("Hate speech"),
            "interreligious_dialogue": N_("Interreligious dialogue"),
            "online_radicalisation": N_("Online radicalisation"),
            "gender_based_violence": N_("Gender-based violence"),
            "reintegration": N_("Reintegration"),
            "polarisation": N_("Polarisation"),
            "other": pN_("theme", "Other"),
        }


class InclusionGroup(Labelled):
    """Groups whose participation is counted (counts only, never names): who a team reaches."""

    ROMA = "roma"
    DISABILITY = "disability"
    RETURNEE = "returnee"
    RURAL_BORDER = "rural_border"
    WOMEN = "women"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "roma": N_("Roma and other communities"),
            "disability": N_("Persons with disabilities"),
            "returnee": N_("Returnee families"),
            "rural_border": N_("Rural or border settlements"),
            "women": N_("Women"),
        }


class Profession(Labelled):
    """The professions a training counts its participants by (the hub trains these first)."""

    TEACHER = "teacher"
    SCHOOL_PSYCHOLOGIST = "school_psychologist"
    SOCIAL_WORKER = "social_worker"
    HEALTH_WORKER = "health_worker"
    MUNICIPAL_OFFICIAL = "municipal_official"
    ELECTED_OFFICIAL = "elected_official"
    POLICE = "police"
    RELIGIOUS_LEADER = "religious_leader"
    YOUTH_WORKER = "youth_worker"
    CIVIL_SOCIETY = "civil_society"
    MEDIA = "media"
    OTHER = "other"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "teacher": N_("Teachers"),
            "school_psychologist": N_("School psychologists and pedagogues"),
            "social_worker": N_("Social workers"),
            "health_worker": N_("Health workers"),
            "municipal_official": N_("Municipal officials"),
            "elected_official": N_("Elected officials"),
            "police": pN_("profession", "Police"),
            "religious_leader": N_("Religious leaders"),
            "youth_worker": N_("Youth workers"),
            "civil_society": pN_("profession", "Civil society"),
            "media": pN_("profession", "Media"),
            "other": pN_("profession", "Other"),
        }
