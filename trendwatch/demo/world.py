"""The demo world: a fictional sustainable-cosmetics sector, its feeds and what is planted in them.

Fourteen ISO weeks of articles from ten feeds in French and English, generated from a fixed seed:
a steady big theme (organic labels), background themes, a one-feed spammer, a topic that
emerges in the last two weeks (bakuchiol, the plant alternative to retinol) and a crisis
around the fictional brand Verdelys in the last week (a recall, negative mentions): the digest
gives it response steps and a holding statement, not ideas. :data:`FOCUS` is the sector. The last
week, :data:`DEMO_WEEK`, is the last complete week at the demo's fixed "now" (:data:`DEMO_NOW`).
"""

from __future__ import annotations

import datetime as dt
import random
import re
import unicodedata
from dataclasses import dataclass, field
from email.utils import format_datetime
from xml.sax.saxutils import escape

# ruff: noqa: E501  (the generated texts below read better on one line each)

DEMO_WEEK = "2026-W10"  # Monday 2 March to Sunday 8 March 2026, Paris time
DEMO_NOW = dt.datetime(2026, 3, 9, 6, 0, tzinfo=dt.UTC)  # Monday 07:00 in Paris: the run of the week
WEEKS = 14
SEED = 20260309
BRAND = "Verdelys"
EMERGING_KEYWORD = "bakuchiol"
TRENDS_KEYWORDS = ["cosmétique bio", "bakuchiol", "shampoing solide"]
TRENDS_RISING = {"bakuchiol": ["sérum bakuchiol", "bakuchiol grossesse", "bakuchiol ou rétinol"]}
# The CM's sector ([digest] focus): a topic without these words is context, not an idea.
FOCUS = [
    "cosmétique", "cosmetics", "beauté", "beauty", "skincare", "peau", "skin", "crème", "cream",
    "sérum", "serum", "shampoing", "shampoo", "savon", "soap", "rétinol", "retinol", "solaire",
    "sunscreen", "vegan", "label", "bio", "organic", "recharge", "refill",
]


@dataclass(frozen=True, slots=True)
class DemoFeed:
    """One feed of the demo world."""

    slug: str  # the path it is served at: /<slug>.xml
    name: str
    site: str  # a fictional domain for article links
    language: str
    per_week: tuple[int, int]  # ordinary articles per week (min, max)
    spammer: bool = False


@dataclass(slots=True)
class DemoArticle:
    """One generated article."""

    feed: str
    guid: str
    title: str
    summary: str
    published: dt.datetime
    theme: str  # what was planted: steady | background | emerging | crisis | brand | spam | storm


@dataclass(slots=True)
class DemoWorld:
    """Every feed and article of the demo, in publication order."""

    feeds: list[DemoFeed]
    articles: list[DemoArticle] = field(default_factory=list)

    def articles_of(self, slug: str) -> list[DemoArticle]:
        return [a for a in self.articles if a.feed == slug]


FEEDS = [
    DemoFeed("beaute-verte", "Beauté Verte", "beaute-verte.example", "fr", (4, 6)),
    DemoFeed(
        "cosmetiques-durables", "Cosmétiques Durables Mag", "cosmetiques-durables.example", "fr", (4, 6)
    ),
    DemoFeed("journal-du-bio", "Le Journal du Bio", "journal-du-bio.example", "fr", (3, 5)),
    DemoFeed("vraie-peau", "Vraie Peau", "vraie-peau.example", "fr", (2, 4)),
    DemoFeed("conso-futee", "Conso Futée", "conso-futee.example", "fr", (2, 4)),
    DemoFeed("green-beauty-daily", "Green Beauty Daily", "greenbeautydaily.example", "en", (4, 6)),
    DemoFeed("clean-skin-report", "Clean Skin Report", "cleanskinreport.example", "en", (3, 5)),
    DemoFeed("eco-formulator", "Eco Formulator", "ecoformulator.example", "en", (2, 4)),
    DemoFeed("zero-waste-bathroom", "Zero Waste Bathroom", "zerowastebathroom.example", "en", (2, 4)),
    DemoFeed("promo-flash", "Promo Cosmétiques Flash", "promo-flash.example", "fr", (0, 0), spammer=True),
]

# Each theme: per language, title templates and summary templates; {x} takes a filler.
THEMES: dict[str, dict[str, tuple[list[str], list[str], list[str]]]] = {
    "labels": {  # the steady big theme
        "fr": (
            [
                "Label bio : ce que garantit vraiment {x}",
                "Cosmétique bio : {x} durcit son cahier des charges",
                "Comment lire un label de cosmétique bio comme {x}",
                "Labels bio en cosmétique : {x} fait le point",
            ],
            [
                "Les labels de cosmétique bio comme {x} encadrent les ingrédients naturels et la certification.",
                "Certification bio, ingrédients d'origine naturelle : le label {x} reste la référence des marques.",
            ],
            ["Cosmos Organic", "Ecocert", "Nature & Progrès", "Cosmébio", "BDIH"],
        ),
        "en": (
            [
                "Organic beauty labels: what {x} really certifies",
                "{x} tightens its organic cosmetics standard",
                "How to read an organic skincare label like {x}",
                "Organic certification in beauty: {x} explained",
            ],
            [
                "Organic cosmetics labels such as {x} set rules for natural ingredients and certification.",
                "Certified organic skincare: the {x} label remains the reference for clean beauty brands.",
            ],
            ["Cosmos Organic", "Ecocert", "Soil Association", "USDA Organic", "NATRUE"],
        ),
    },
    "refill": {
        "fr": (
            [
                "Recharges et vrac : {x} se lance dans la cosmétique",
                "Flacons consignés : l'essai de {x}",
                "Le vrac en salle de bain séduit {x}",
            ],
            [
                "Après l'épicerie, le vrac et les recharges gagnent la cosmétique chez {x}.",
                "Consigne des flacons et stations de recharge : {x} teste un modèle sans emballage jetable.",
            ],
            ["les pharmacies", "les magasins bio", "une chaîne de parfumeries", "les coopératives"],
        ),
        "en": (
            [
                "Refill stations arrive in {x}",
                "Refillable packaging: {x} tries a deposit scheme",
                "Zero-waste refills win over {x}",
            ],
            [
                "Refill stations and refillable bottles are spreading to {x}, cutting single-use packaging.",
                "A deposit scheme for refillable cosmetics bottles is being trialled by {x}.",
            ],
            ["drugstores", "organic shops", "department stores", "hotel chains"],
        ),
    },
    "solid": {
        "fr": (
            [
                "Shampoing solide : {x}",
                "Cosmétiques solides, la tendance qui dure : {x}",
                "Savon et shampoing solides : {x}",
            ],
            [
                "Le shampoing solide et les cosmétiques sans eau réduisent le plastique : {x}.",
                "Barres de shampoing, déodorants solides : {x}.",
            ],
            ["nos conseils d'utilisation", "le comparatif", "les erreurs à éviter", "le guide d'achat"],
        ),
        "en": (
            [
                "Solid shampoo bars: {x}",
                "Waterless beauty keeps growing: {x}",
                "Shampoo bars and solid deodorants: {x}",
            ],
            [
                "Solid shampoo bars and waterless cosmetics cut plastic packaging: {x}.",
                "Shampoo bars, solid conditioners and deodorant sticks: {x}.",
            ],
            ["a buyer's guide", "how to use them", "common mistakes", "a comparison"],
        ),
    },
    "sunscreen": {
        "fr": (
            ["Crème solaire et récifs : {x}", "Filtres minéraux ou chimiques ? {x}"],
            [
                "Les filtres solaires et leur effet sur les coraux font débat : {x}.",
                "Crème solaire minérale, oxyde de zinc et protection des océans : {x}.",
            ],
            ["ce que dit la science", "le point avant l'été", "les nouvelles règles"],
        ),
        "en": (
            ["Reef-safe sunscreen: {x}", "Mineral vs chemical sunscreen filters: {x}"],
            [
                "Sunscreen filters and their effect on coral reefs remain debated: {x}.",
                "Mineral sunscreen, zinc oxide and ocean protection: {x}.",
            ],
            ["what the science says", "before the summer", "new rules"],
        ),
    },
    "vegan": {
        "fr": (
            ["Cosmétique vegan : {x}", "Sans cruauté animale : {x}"],
            ["Cosmétiques vegan et non testés sur les animaux : {x}."],
            ["les labels à connaître", "le marché progresse", "les pièges du marketing"],
        ),
        "en": (
            ["Vegan beauty: {x}", "Cruelty-free cosmetics: {x}"],
            ["Vegan and cruelty-free cosmetics not tested on animals: {x}."],
            ["labels to know", "the market keeps growing", "marketing traps"],
        ),
    },
    "emerging": {  # planted: grows in the last two weeks
        "fr": (
            [
                "Bakuchiol : l'alternative végétale au rétinol {x}",
                "Le bakuchiol, nouvel actif anti-âge {x}",
                "Sérum au bakuchiol : {x}",
                "Bakuchiol ou rétinol ? {x}",
            ],
            [
                "Extrait de la plante babchi, le bakuchiol promet les effets du rétinol sans irritation : {x}.",
                "Le bakuchiol, actif végétal anti-âge, s'invite dans les sérums et les crèmes : {x}.",
            ],
            [
                "séduit les marques",
                "arrive en pharmacie",
                "ce qu'en disent les dermatologues",
                "compatible avec la grossesse ?",
                "le test de la rédaction",
                "les formules à essayer",
            ],
        ),
        "en": (
            [
                "Bakuchiol, the plant-based retinol alternative {x}",
                "Bakuchiol serums {x}",
                "Is bakuchiol the new retinol? {x}",
                "Bakuchiol skincare {x}",
            ],
            [
                "Bakuchiol, from the babchi plant, promises retinol-like results without irritation: {x}.",
                "The plant-based anti-ageing active bakuchiol is showing up in serums and creams: {x}.",
            ],
            [
                "wins over indie brands",
                "hits the shelves",
                "what dermatologists say",
                "safe in pregnancy?",
                "we tested five",
                "explained",
            ],
        ),
    },
    "crisis": {  # planted: negative mentions of the brand in the last week
        "fr": (
            [
                "Verdelys : une crème rappelée, colère {x}",
                "Allergies : Verdelys mis en cause {x}",
                "Crème contaminée : Verdelys face à la colère {x}",
            ],
            [
                "Verdelys rappelle un lot de crème hydratante après des plaintes pour allergies et irritations : {x}.",
                "Contamination, plaintes et polémique : Verdelys est critiqué pour sa gestion de la crise : {x}.",
            ],
            ["des clientes", "sur les réseaux sociaux", "après une enquête", "des consommateurs"],
        ),
        "en": (
            [
                "Verdelys recalls a moisturiser {x}",
                "Verdelys faces complaints over allergic reactions {x}",
                "Contaminated cream: anger at Verdelys {x}",
            ],
            [
                "Verdelys recalls a batch of moisturiser after complaints about allergic reactions: {x}.",
                "Contamination complaints and a boycott call: Verdelys is criticised over the recall: {x}.",
            ],
            ["from customers", "on social media", "after an investigation", "in several countries"],
        ),
    },
    "brand": {  # ordinary, neutral-to-positive mentions before the crisis
        "fr": (
            ["Verdelys lance {x}"],
            ["La marque Verdelys présente {x}, une nouveauté de sa gamme."],
            ["un baume", "une huile", "un coffret", "un gel douche"],
        ),
        "en": (
            ["Verdelys launches {x}"],
            ["The brand Verdelys presents {x}, new in its range."],
            ["a balm", "a facial oil", "a gift box", "a shower gel"],
        ),
    },
    "spam": {
        "fr": (
            ["-50 % sur {x} avec le code PROMO50", "Code promo : {x} à prix cassé", "Vente flash {x}"],
            ["Profitez vite du code promo sur {x}, livraison offerte, offre limitée."],
            ["la crème de jour", "le sérum éclat", "le gommage", "le masque", "le démaquillant"],
        ),
    },
}
THEMES["storm"] = {  # planted: big news outside the sector in the last week (context, restraint)
    "fr": (
        ["Tempête Ondine : {x}", "Tempête Ondine sur la côte atlantique : {x}"],
        [
            "La tempête Ondine a frappé la côte atlantique, faisant trois morts et privant des milliers "
            "de foyers d'électricité : {x}.",
        ],
        ["trois morts et des milliers de foyers sans électricité", "les secours mobilisés",
         "inondations et routes coupées"],
    ),
    "en": (
        ["Storm Ondine: {x}", "Storm Ondine hits the Atlantic coast: {x}"],
        ["Storm Ondine hit the Atlantic coast, leaving three dead and thousands of homes without power: {x}."],
        ["three dead as floods hit the coast", "rescue teams on alert", "flooding and closed roads"],
    ),
}
BACKGROUND = ["refill", "solid", "sunscreen", "vegan"]


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60]


def week_monday(weeks_back: int) -> dt.datetime:
    """Monday 00:00 Paris time (as UTC) of the week ``weeks_back`` weeks before :data:`DEMO_WEEK`."""
    last_monday = dt.datetime(2026, 3, 1, 23, 0, tzinfo=dt.UTC)  # 2 March 00:00 in Paris (UTC+1)
    return last_monday - dt.timedelta(weeks=weeks_back)


def _article(rng: random.Random, feed: DemoFeed, theme: str, week_start: dt.datetime, n: int) -> DemoArticle:
    titles, summaries, fillers = THEMES[theme][feed.language]
    x = rng.choice(fillers)
    title = rng.choice(titles).format(x=x).strip()
    summary = rng.choice(summaries).format(x=x)
    # Between Monday 07:00 and Sunday 20:00 Paris time, whole minutes: no week-boundary surprises.
    published = week_start + dt.timedelta(hours=8 + rng.randrange(0, 6 * 24 + 12), minutes=rng.randrange(60))
    guid = f"https://{feed.site}/{published:%Y/%m/%d}/{_slug(title)}-{n}"
    return DemoArticle(feed.slug, guid, title, summary, published, theme)


def build_world(seed: int = SEED) -> DemoWorld:
    """The demo world; the same seed always gives the same articles."""
    rng = random.Random(seed)
    world = DemoWorld(feeds=list(FEEDS))
    n = 0
    for back in range(WEEKS - 1, -1, -1):
        start = week_monday(back)
        for feed in FEEDS:
            plan: list[str] = []
            if feed.spammer:
                plan += ["spam"] * rng.randint(22, 28)
            else:
                k = rng.randint(*feed.per_week)
                plan += ["labels"] * max(1, k // 2)
                plan += [rng.choice(BACKGROUND) for _ in range(k - max(1, k // 2))]
                if rng.random() < 0.12:
                    plan.append("brand")
                if back == 1 and rng.random() < 0.4:
                    plan.append("emerging")
                if back == 0:
                    plan += ["emerging"] * (2 if feed.per_week[1] >= 5 else 1)
                    if feed.per_week[1] >= 4:
                        plan.append("crisis")
            for theme in plan:
                n += 1
                world.articles.append(_article(rng, feed, theme, start, n))
    # Off-sector news drawn from its own generator: the sector's articles stay exactly the same.
    storm_rng = random.Random(seed + 1)
    for feed in FEEDS:
        if not feed.spammer:
            n += 1
            world.articles.append(_article(storm_rng, feed, "storm", week_monday(0), n))
    world.articles.sort(key=lambda a: (a.published, a.guid))
    return world


def rss(world: DemoWorld, feed: DemoFeed, self_url: str) -> bytes:
    """One feed as RSS 2.0, newest first (every article: the demo ingests its whole history at once)."""
    items = []
    for a in sorted(world.articles_of(feed.slug), key=lambda a: a.published, reverse=True):
        items.append(
            "<item>"
            f"<title>{escape(a.title)}</title>"
            f"<link>{escape(a.guid)}</link>"
            f'<guid isPermaLink="true">{escape(a.guid)}</guid>'
            f"<pubDate>{format_datetime(a.published, usegmt=True)}</pubDate>"
            f"<description>{escape(a.summary)}</description>"
            "</item>"
        )
    last = max((a.published for a in world.articles_of(feed.slug)), default=DEMO_NOW)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>'
        f"<title>{escape(feed.name)}</title>"
        f"<link>https://{feed.site}/</link>"
        f'<atom:link href="{escape(self_url)}" rel="self" type="application/rss+xml"/>'
        f"<description>{escape(feed.name)} (trendwatch demo)</description>"
        f"<language>{feed.language}</language>"
        f"<lastBuildDate>{format_datetime(last, usegmt=True)}</lastBuildDate>"
        + "".join(items)
        + "</channel></rss>\n"
    ).encode("utf-8")
