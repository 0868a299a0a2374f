"""HubDesk's own needs questionnaire, so a municipality can assess itself before the hub
publishes one: per pillar a question and what each score level means, translated like every
message. A questionnaire the hub publishes replaces it for its year (``services.needs``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from hubdesk.domain.enums import Pillar
from hubdesk.i18n import N_, _

DEFAULT_TITLE = N_("City Needs Assessment (HubDesk's questionnaire)")

# One question per pillar, then what a score of 1, 2, 3 and 4 means.
DEFAULT: dict[str, tuple[str, tuple[str, str, str, str]]] = {
    Pillar.PEER_LEARNING.value: (
        N_("How does the municipality learn from other cities and share its own experience?"),
        (
            N_("No contact with other cities on prevention."),
            N_("Occasional contacts, without follow-up."),
            N_("Regular exchanges; some lessons are put into practice."),
            N_("The municipality hosts exchanges and its practices are taken up elsewhere."),
        ),
    ),
    Pillar.CAPACITY_BUILDING.value: (
        N_(
            "How well are teachers, social workers, officials and other front-line staff "
            "prepared to recognise and respond to radicalisation, hate and polarisation?"
        ),
        (
            N_("Nobody has been trained."),
            N_("A few people were trained once."),
            N_("The key professions are trained; some staff can train others."),
            N_("Training is regular, planned and given by local trainers."),
        ),
    ),
    Pillar.COOPERATION.value: (
        N_(
            "How do the municipality, national institutions and local actors work together "
            "on prevention?"
        ),
        (
            N_("Each institution works on its own."),
            N_("Contacts happen case by case, mostly through individuals."),
            N_("A multi-actor team meets regularly and refers cases to each other."),
            N_("Cooperation is agreed in writing and works at every level of government."),
        ),
    ),
    Pillar.CITY_VOICES.value: (
        N_("How are the city's experience and needs heard in national and regional policy?"),
        (
            N_("The city is not consulted."),
            N_("The city is consulted now and then, without a way to follow up."),
            N_("The city gives written input and takes part in consultations."),
            N_("The city's input visibly shapes national or regional policy."),
        ),
    ),
    Pillar.YOUTH_ENGAGEMENT.value: (
        N_("How are young people involved in the decisions of the local government?"),
        (
            N_("Young people are not involved."),
            N_("Young people are invited to events, but not to decisions."),
            N_("A youth council or similar body is consulted on youth matters."),
            N_("Young people co-decide and lead activities with the municipality."),
        ),
    ),
}


@dataclass(frozen=True)
class Question:
    """One pillar's question and the meaning of each level (index 0 is level 1)."""

    pillar: str
    question: str
    levels: tuple[str, ...]


@dataclass(frozen=True)
class Questions:
    """A questionnaire as it is shown and answered: the hub's, or HubDesk's default."""

    questionnaire_id: str | None  # None: HubDesk's default
    title: str
    year: int | None
    by_pillar: dict[str, Question]

    def level(self, pillar: str, score: int | None) -> str:
        """What a score of one pillar means ("" for no score)."""
        if score is None:
            return ""
        levels = self.by_pillar[pillar].levels
        return levels[score - 1] if 1 <= score <= len(levels) else ""


def default_questions(translate: Callable[[str], str] = _) -> Questions:
    """HubDesk's questionnaire in the language of the moment (or of ``translate``: a report's
    language)."""
    return Questions(
        None,
        translate(DEFAULT_TITLE),
        None,
        {
            pillar: Question(
                pillar, translate(question), tuple(translate(level) for level in levels)
            )
            for pillar, (question, levels) in DEFAULT.items()
        },
    )


def source_questions() -> Questions:
    """HubDesk's questions as written in the source (English): what a hub publishes when it
    does not write its own, so that every municipality reads them in its own language."""
    return Questions(
        None,
        DEFAULT_TITLE,
        None,
        {pillar: Question(pillar, q, levels) for pillar, (q, levels) in DEFAULT.items()},
    )


def questions_from_text(
    questionnaire_id: str,
    title: str,
    year: int,
    text: str,
    translate: Callable[[str], str] = _,
) -> Questions:
    """A hub's questionnaire as stored. A text that is one of HubDesk's own questions or level
    meanings is shown translated (``translate``); the hub's own words stay as it wrote them."""
    content = json.loads(text)
    return Questions(
        questionnaire_id,
        title,
        year,
        {
            p.value: Question(
                p.value,
                translate(content[p.value]["question"]),
                tuple(translate(level) for level in content[p.value]["levels"]),
            )
            for p in Pillar
        },
    )


def questions_text(questions: Questions) -> str:
    """The stored form of a questionnaire's questions (for the hub starting from a copy)."""
    content = {
        pillar: {"question": q.question, "levels": list(q.levels)}
        for pillar, q in questions.by_pillar.items()
    }
    return json.dumps(content, ensure_ascii=False, separators=(",", ":"))
