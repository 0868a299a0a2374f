"""Shared data of the spreadsheet tests: small stand-in catalogs and a member factory.

The real catalogs are still being translated, so tests that need Cyrillic or Albanian headers
install a few messages of their own; the code under test reads them exactly as it reads the
compiled catalogs (through ``hubdesk.i18n.translations``).
"""

from __future__ import annotations

import gettext

from hubdesk.services import team
from hubdesk.services.context import ServiceContext

MK = {
    "ID": "ИД",
    "Team": "Тим",
    "Name": "Име и презиме",
    "Organisation": "Организација",
    "Sector": "Сектор",
    "Role in the team": "Улога во тимот",
    "Gender": "Пол",
    "Joined on": "Зачленет на",
    "Left on": "Излегол на",
    "Trainings received": "Добиени обуки",
    "E-mail": "Е-пошта",
    "Phone": "Телефон",
    "Consent given on": "Согласност дадена на",
    "Notes": "Забелешки",
    "Team members": "Членови на тимот",
    "Local government": "Локална самоуправа",
    "Education": "Образование",
    "Focal point": "Контакт-точка",
    "Member": "Член",
    "Female": "Женски",
    "Male": "Машки",
    "Yes": "Да",
    "No": "Не",
}
SQ = {
    "Name": "Emri",
    "Organisation": "Organizata",
    "Sector": "Sektori",
    "Role in the team": "Roli në ekip",
    "Gender": "Gjinia",
    "Joined on": "Hyri në ekip më",
    "Local government": "Qeverisja vendore",
    "Education": "Arsimi",
    "Member": "Anëtar",
    "Female": "Femër",
    "Male": "Mashkull",
}


class DictTranslations(gettext.NullTranslations):
    def __init__(self, messages: dict[str, str]) -> None:
        super().__init__()
        self.messages = messages

    def gettext(self, message: str) -> str:
        return self.messages.get(message, message)


def add_member(ctx: ServiceContext, team_id: str, name: str, **extra: object) -> str:
    data: dict[str, object] = {
        "team_id": team_id,
        "name": name,
        "organisation": "Municipality",
        "sector": "local_government",
        "role": "member",
        "gender": "female",
        **extra,
    }
    return team.create_member(ctx, data).id
