"""What the demo municipalities write in their needs assessments, each in its own language.

Per pillar: the needs as seen last year and this year, and this year's priorities; then the
other structures a town builds on. Croatian and Montenegrin towns use the Bosnian texts (the
demo builds none of them today).
"""

from __future__ import annotations

from typing import NamedTuple

from hubdesk.domain.enums import Pillar as P


class PillarText(NamedTuple):
    needs_last_year: str
    needs_this_year: str
    priorities: str


class TownTexts(NamedTuple):
    pillars: dict[P, PillarText]
    structures_other: str


MK = TownTexts(
    {
        P.PEER_LEARNING: PillarText(
            "Немаме редовни контакти со други градови за превенција.",
            "По посетата на Гостивар сакаме да ја примениме нивната програма за медијација.",
            "Студиска посета на град со совет за безбедност во заедницата.",
        ),
        P.CAPACITY_BUILDING: PillarText(
            "Наставниците и социјалните работници не се обучени да препознаат радикализација.",
            "Обучени се 40 наставници; стручните служби во училиштата сè уште не се.",
            "Обука за обучувачи за психолози и педагози во училиштата.",
        ),
        P.COOPERATION: PillarText(
            "Полицијата и центарот за социјална работа не разменуваат информации.",
            "Тимот се среќава секој месец, но упатувањето на случаи нема пишана постапка.",
            "Протокол за упатување меѓу училиштата, центарот и полицијата.",
        ),
        P.CITY_VOICES: PillarText(
            "Општината не е консултирана за националната стратегија.",
            "Дадовме писмени забелешки на нацрт-стратегијата, без одговор.",
            "Заедничка изјава на градовите од мрежата до министерството.",
        ),
        P.YOUTH_ENGAGEMENT: PillarText(
            "Младинскиот совет постои само на хартија.",
            "Младинскиот совет се среќава, но нема буџет.",
            "Мал буџет што го распределува младинскиот совет.",
        ),
    },
    "Локален совет за превенција при градоначалникот",
)

SQ = TownTexts(
    {
        P.PEER_LEARNING: PillarText(
            "Nuk kemi shkëmbime të rregullta me qytete të tjera për parandalimin.",
            "Pas vizitës në Shkodër duam të zbatojmë modelin e tyre të këshillit rinor.",
            "Vizitë studimore në një qytet me mekanizëm referimi që funksionon.",
        ),
        P.CAPACITY_BUILDING: PillarText(
            "Mësuesit nuk dinë si të reagojnë ndaj gjuhës së urrejtjes në klasë.",
            "Janë trajnuar 35 mësues; punonjësit socialë ende jo.",
            "Trajnim për punonjësit socialë dhe psikologët e shkollave.",
        ),
        P.COOPERATION: PillarText(
            "Këshilli i sigurisë publike mblidhet rrallë.",
            "Këshilli mblidhet çdo tre muaj, por pa plan pune.",
            "Plan vjetor pune i këshillit me detyra për çdo institucion.",
        ),
        P.CITY_VOICES: PillarText(
            "Bashkia nuk merr pjesë në konsultimet kombëtare.",
            "Morëm pjesë në një konsultim për strategjinë kombëtare.",
            "Propozime të përbashkëta me bashkitë e tjera të rrjetit.",
        ),
        P.YOUTH_ENGAGEMENT: PillarText(
            "Të rinjtë ftohen vetëm në aktivitete kulturore.",
            "Këshilli rinor jep mendim për buxhetin vjetor.",
            "Buxhetim pjesëmarrës me të rinjtë në dy lagje.",
        ),
    },
    "Zyra vendore për rininë në qendrën rinore",
)

SR = TownTexts(
    {
        P.PEER_LEARNING: PillarText(
            "Nemamo redovnu saradnju sa drugim gradovima na prevenciji.",
            "Posle posete Kragujevcu želimo da uvedemo njihov model vršnjačke medijacije.",
            "Studijska poseta gradu sa razvijenim mehanizmom upućivanja.",
        ),
        P.CAPACITY_BUILDING: PillarText(
            "Prosvetni radnici nisu obučeni da prepoznaju rane znake radikalizacije.",
            "Obučeno je 30 nastavnika; zdravstveni radnici još nisu.",
            "Obuka za zdravstvene i socijalne radnike.",
        ),
        P.COOPERATION: PillarText(
            "Savet za bezbednost se sastaje samo u kriznim situacijama.",
            "Savet se sastaje redovno, ali bez verskih zajednica.",
            "Uključiti verske zajednice u rad saveta za bezbednost.",
        ),
        P.CITY_VOICES: PillarText(
            "Grad nema predstavnika u nacionalnim radnim grupama.",
            "Grad je dao pismeni komentar na nacrt akcionog plana.",
            "Učešće u nacionalnoj radnoj grupi za prevenciju.",
        ),
        P.YOUTH_ENGAGEMENT: PillarText(
            "Mladi ne učestvuju u odlukama lokalne samouprave.",
            "Kancelarija za mlade organizuje savetovanja, ali retko.",
            "Redovni sastanci mladih sa gradskim većem.",
        ),
    },
    "Gradska kancelarija za mlade",
)

BS = TownTexts(
    {
        P.PEER_LEARNING: PillarText(
            "Nemamo redovnu razmjenu iskustava s drugim gradovima.",
            "Nakon posjete Tuzli želimo uvesti njihov model mreže škola.",
            "Studijska posjeta gradu s razvijenim lokalnim akcionim planom.",
        ),
        P.CAPACITY_BUILDING: PillarText(
            "Nastavnici i socijalni radnici nisu obučeni za prevenciju.",
            "Obučeno je 25 nastavnika; općinski službenici još nisu.",
            "Obuka za općinske službenike i vijećnike.",
        ),
        P.COOPERATION: PillarText(
            "Institucije rade odvojeno i ne razmjenjuju informacije.",
            "Tim se sastaje, ali policija rijetko dolazi.",
            "Sporazum o saradnji s policijom i centrom za socijalni rad.",
        ),
        P.CITY_VOICES: PillarText(
            "Općina ne učestvuje u konsultacijama na državnom nivou.",
            "Dali smo pismene komentare na nacrt strategije.",
            "Zajednička inicijativa gradova mreže prema ministarstvu.",
        ),
        P.YOUTH_ENGAGEMENT: PillarText(
            "Vijeće mladih ne postoji.",
            "Vijeće mladih je osnovano, ali nema prostor.",
            "Prostor i mali budžet za vijeće mladih.",
        ),
    },
    "Općinsko vijeće za sigurnost",
)

BY_LANGUAGE: dict[str, TownTexts] = {
    "mk": MK,
    "sq": SQ,
    "sr_Latn": SR,
    "bs": BS,
    "hr": BS,
    "cnr": BS,
}
