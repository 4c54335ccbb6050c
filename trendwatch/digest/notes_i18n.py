"""French wording for the plain-language notes other stages still write in English.

Legacy: notes are now :class:`trendwatch.messages.Note` codes rendered from the catalogues. This
table only serves stages not yet converted and goes when nothing passes it plain strings.

The analysis and search-demand notes are English sentences; a French digest shows them in
French when their wording is known here. An unknown sentence is shown as it came.
"""

from __future__ import annotations

import re
from typing import Any

# (English pattern, French template using the pattern's named groups)
_FRENCH: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), template)
    for pattern, template in (
        (
            r"^No entries were published in (?P<week>\S+): no topics to report\.$",
            "Aucun article publié en {week} : pas de sujet à signaler.",
        ),
        (
            r"^Only 1 story was published in (?P<week>\S+): too few to tell a trend from noise\.$",
            "Un seul article publié en {week} : trop peu pour distinguer une tendance du bruit.",
        ),
        (
            r"^No subject of (?P<week>\S+) had at least (?P<n>\d+) articles from (?P<k>\d+) source\(s\): "
            r"no topic to report\.$",
            "Aucun sujet de {week} n'a réuni au moins {n} articles de {k} source(s) : "
            "pas de sujet à signaler.",
        ),
        (
            r"^The baseline weeks hold (?P<n>\d+) entries: a fixed sample of (?P<rate>\d+%) of them "
            r"\(the same entries at every run\) was used to measure growth, for speed\.$",
            "Les semaines de référence comptent {n} articles : un échantillon fixe de {rate} d'entre eux "
            "(les mêmes à chaque fois) a servi à mesurer la croissance, pour aller vite.",
        ),
        (
            r"^Only (?P<n>\d+) stories were published in (?P<week>\S+): "
            r"too few to tell a trend from noise\.$",
            "Seulement {n} articles publiés en {week} : trop peu pour distinguer une tendance du bruit.",
        ),
        (
            r"^All of (?P<week>\S+)'s entries come from one feed \((?P<feed>.*)\): topics show what it "
            r"covered, not what is trending across sources\. Add feeds for a broader view\.$",
            "Tous les articles de {week} viennent d'un seul flux ({feed}) : les sujets montrent ce qu'il a "
            "couvert, pas ce qui monte d'une source à l'autre. Ajoutez des flux pour une vue plus large.",
        ),
        (
            r"^Nothing in (?P<week>\S+) grew beyond its usual share of the news: no emerging topic\.$",
            "En {week}, rien n'a dépassé sa part habituelle de l'actualité : aucun sujet émergent.",
        ),
        (
            r"^No baseline yet: nothing was published in the weeks before, .*$",
            "Pas encore d'historique : rien n'a été publié les semaines précédentes, les sujets sont donc "
            "les plus gros de la semaine, pas des tendances avérées. La croissance sera mesurée quand le "
            "stock contiendra des semaines antérieures.",
        ),
        (
            r"^Only (?P<k>\d+) of the (?P<n>\d+) baseline weeks have entries: growth figures are less "
            r"reliable until the store holds more history\.$",
            "Seules {k} des {n} semaines de référence ont des articles : les chiffres de croissance restent "
            "fragiles tant que l'historique est court.",
        ),
        (
            r"^searches for '(?P<q>.*)' (?P<label>\S+(?: %)?) in (?P<geo>[A-Z-]+)$",
            "recherches « {q} » {label} ({geo})",
        ),
        (
            r"^'(?P<term>.*)' is trending in (?P<geo>[A-Z-]+) searches \((?P<traffic>.*) searches\)$",
            "« {term} » est en tendance dans les recherches ({geo}, {traffic} recherches)",
        ),
        (
            r"^'(?P<term>.*)' is trending in (?P<geo>[A-Z-]+) searches$",
            "« {term} » est en tendance dans les recherches ({geo})",
        ),
        (
            r"^no rising queries were fetched within a week of (?P<week>\S+)\.$",
            "aucune recherche en hausse n'a été collectée à moins d'une semaine de {week}.",
        ),
        (
            r"^no trending searches were fetched within a week of (?P<week>\S+)\.$",
            "aucune recherche tendance n'a été collectée à moins d'une semaine de {week}.",
        ),
        (
            r"^no search-interest data for (?P<kw>.+) in week (?P<week>\S+) \((?P<geo>[A-Z-]+)\)$",
            "pas de données d'intérêt de recherche pour {kw} en {week} ({geo})",
        ),
        (
            r"^the store has no Google Trends tables yet: run `trendwatch trends` once\.$",
            "le stock n'a pas encore de données Google Trends : lancez `trendwatch trends` une fois.",
        ),
        (
            r"^the last Google Trends run \((?P<when>.*)\) is older than this week; its data may be stale\.$",
            "la dernière collecte Google Trends ({when}) est antérieure à cette semaine ; ses données "
            "peuvent être périmées.",
        ),
    )
)


def localize_note(note: Any, lang: str) -> Any:
    """``note`` in ``lang`` when its English wording is known; otherwise unchanged. A
    :class:`~trendwatch.messages.Note` passes through (the renderers render it)."""
    if lang != "fr" or not isinstance(note, str):
        return note
    for pattern, template in _FRENCH:
        m = pattern.match(note)
        if m:
            return template.format(**m.groupdict())
    return note
