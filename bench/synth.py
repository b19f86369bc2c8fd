"""A synthetic corpus of Vietnamese meeting reports, with the gold annotation of each (FORMAT.md).

A fixed synthetic *world* is built from the seed: the provinces of loaders/data/provinces.tsv, each with
its provincial bodies (bench/data/world.yaml: kinds of org_kinds.tsv, fields of sectors.tsv, titles of
titles.tsv), and officials (surnames.txt + bench/data/names.tsv) whose careers over 2019-2025 follow
congresses, promotions and replacements. Each article samples one meeting of that world — a year-end or
mid-year review, a congress with its elections, a workshop, a briefing, an executive-committee meeting —
and renders it in one of many ways real reports do (titles before or after names, abbreviations,
mastheads and footers, dateline codes, dates without years, lists of tasks, photo captions, bylines),
while recording what a careful reader takes from it, in the conventions of FORMAT.md.

Article *i* of seed *S* depends only on (S, i): the same seed gives a byte-identical corpus whatever N
is, and the corpus can be written by several processes at once. Officials recur across the articles of
their province, so loading the corpus exercises resolution and multi-hop traversal.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from orgkg.loaders import lexicon

DATA = Path(__file__).with_name("data")
FIRST_YEAR, LAST_YEAR = 2019, 2025
MERGER = "2025-07-01"  # provinces merged away by Resolution 202/2025/QH15 hold no meeting from this day
ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"]
WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]
ACADEMIC_FORMS = {"TS": ["TS", "TS.", "Tiến sĩ"], "ThS": ["ThS", "ThS.", "Thạc sĩ"],
                  "PGS.TS": ["PGS.TS", "PGS. TS", "Phó Giáo sư, Tiến sĩ"]}
BARE = {"Sở", "Hội", "Liên hiệp Hội", "Liên minh", "Chi bộ"}  # short forms that need an earlier mention
HONORIFIC_RANK = {"PGS.TS": 9, "TS": 7, "ThS": 6, "đồng chí": 2, "ông": 1, "bà": 1}


# ------------------------------------------------------------------------------------------- data


@cache
def _yaml(name: str) -> dict:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


@cache
def _names() -> dict[tuple[str, str], list[str]]:
    """(part, sex) -> names; sex "u" names are listed under both sexes."""
    out: dict[tuple[str, str], list[str]] = {}
    rows = [line.split("\t") for line in (DATA / "names.tsv").read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")][1:]
    for name, part, sex in rows:
        for s in ("m", "f") if sex == "u" else (sex,):
            out.setdefault((part, s), []).append(name)
    return out


@cache
def _surnames() -> tuple[list[str], list[float]]:
    """Surnames in the lexicon's order (most frequent first) with Zipf-like weights."""
    lines = (lexicon.DATA / "surnames.txt").read_text(encoding="utf-8").splitlines()
    names = [x.strip() for x in lines if x.strip() and not x.startswith("#")]
    names = [n for n in names if len(n) > 1 and n.isalpha() and n in lexicon.surnames()]
    return names, [1.0 / (rank + 1) ** 1.2 for rank in range(len(names))]


@cache
def _title_variant(title: str) -> list[str]:
    """Abbreviated written forms of a title that the press uses ("P.Giám đốc"), from titles.tsv."""
    for t in lexicon.titles():
        if t.title == title:
            return [v for v in t.variants if "." in v and len(v) > 3]
    return []


# ------------------------------------------------------------------------------------------ world


@dataclass(eq=False)
class Person:
    name: str
    sex: str
    academic: str | None  # canonical academic title, or None
    party: str | None = None  # a seat in the provincial party committee ("Tỉnh ủy viên"), if any


@dataclass
class Spell:
    person: Person
    start: str  # ISO date the person took the post
    end: str | None = None  # ISO date they left it


@dataclass(eq=False)
class Post:
    title: str
    spells: list[Spell] = field(default_factory=list)
    mirror: Post | None = None  # a party-cell post held by whoever holds this one

    def holder(self, date: str) -> Person:
        if self.mirror:
            return self.mirror.holder(date)
        for s in self.spells:
            if s.start <= date and (s.end is None or date < s.end):
                return s.person
        return self.spells[-1].person


@dataclass(eq=False)
class Unit:
    key: str
    spec: dict[str, Any]
    name: str  # canonical name, with the province
    shorts: list[str]  # short forms written in articles
    posts: list[Post]
    parent: Unit | None = None
    congresses: list[str] = field(default_factory=list)  # ISO dates
    term: int = 5
    ordinal: int = 1  # the congress's number ("lần thứ VII") for the first date
    cell: Unit | None = None  # its party cell

    @property
    def head(self) -> Post:
        return self.posts[0]

    @property
    def deputies(self) -> list[Post]:
        return self.posts[1:]


@dataclass(eq=False)
class Province:
    name: str
    level: str
    merged: bool
    paper: lexicon.Newspaper | None
    units: dict[str, Unit] = field(default_factory=dict)
    masthead: list[tuple[str, str]] = field(default_factory=list)  # (title, name)
    address: str = ""

    @property
    def locality(self) -> str:
        return f"{self.level} {self.name}"

    @property
    def last_day(self) -> str:
        return "2025-06-30" if self.merged else f"{LAST_YEAR}-12-31"


@dataclass
class World:
    seed: int
    provinces: list[Province]
    weights: list[float]


def _date(rng: random.Random, year: int, months: tuple[int, int]) -> str:
    return f"{year}-{rng.randint(*months):02d}-{rng.randint(1, 28):02d}"


class _People:
    """Fresh officials with names unique within their province (a name is a person there)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.taken: set[str] = set()

    def new(self, academic_rate: float = 0.3) -> Person:
        rng = self.rng
        names = _names()
        surnames, weights = _surnames()
        while True:
            sex = "f" if rng.random() < 0.3 else "m"
            parts = [rng.choices(surnames, weights)[0]]
            if sex == "f" and rng.random() < 0.6:
                parts.append("Thị")
            else:
                parts.append(rng.choice(names[("middle", sex)]))
            if parts[-1] == "Thị" and rng.random() < 0.3:
                parts.append(rng.choice(names[("middle", sex)]))
            parts.append(rng.choice(names[("given", sex)]))
            if len(set(parts)) < len(parts):
                continue
            name = " ".join(parts)
            if name not in self.taken:
                self.taken.add(name)
                break
        r = rng.random()
        academic = None
        if r < academic_rate:
            academic = "PGS.TS" if r < academic_rate * 0.1 else "TS" if r < academic_rate * 0.6 else "ThS"
        return Person(name, sex, academic)


def _kind_name(kind: str, prov_level: str) -> str:
    # Bare party and youth bodies change their head noun with the level: Tỉnh ủy / Thành ủy.
    if prov_level == "thành phố":
        return {"Tỉnh ủy": "Thành ủy", "Tỉnh Đoàn": "Thành Đoàn"}.get(kind, kind)
    return kind


def _make_unit(key: str, spec: dict, prov: Province, people: _People, rng: random.Random) -> Unit:
    kind = _kind_name(spec["kind"], prov.level)
    lv = prov.level
    known = lexicon.org_kind(spec["kind"])
    if known is None:
        raise ValueError(f"bench/data/world.yaml: {spec['kind']!r} is not a kind of loaders/data/org_kinds.tsv")
    if spec.get("sector"):
        if spec["sector"] not in {s for s, _ in lexicon.sectors()}:
            raise ValueError(f"bench/data/world.yaml: {spec['sector']!r} is not a field of sectors.tsv")
        base = f"{kind} {spec['sector']}"
        name = f"{base} {lv} {prov.name}"
        shorts = [s.format(lv=lv) for s in spec.get("short", [])] + [base]
    elif known.naming == "bare":
        name = f"{kind} {prov.name}"
        shorts = [kind]
    else:
        name = f"{kind} {lv} {prov.name}"
        shorts = [s.format(lv=lv) for s in spec.get("short", [])] + [f"{kind} {lv}"]
    n_dep, dep_title = spec["deputies"]
    posts = [Post(spec["head"])] + [Post(dep_title) for _ in range(n_dep)]
    unit = Unit(key, spec, name, shorts, posts)
    if spec.get("congress"):
        first, every = spec["congress"]
        unit.term = every
        unit.ordinal = rng.randint(4, 9)
        for year in range(first, LAST_YEAR + 1, every):
            date = _date(rng, year, (3, 6) if prov.merged and year == LAST_YEAR else (3, 11))
            unit.congresses.append(date)
    _careers(unit, people, rng)
    if spec.get("party"):
        cell = Unit(f"{key}.cell", {"domain": "party"}, f"Chi bộ {name}", ["Chi bộ", f"Chi bộ {shorts[0]}"],
                    [Post("Bí thư", mirror=unit.head), Post("Phó Bí thư", mirror=unit.deputies[0])], parent=unit)
        cell.congresses = [_date(rng, 2020, (3, 6)), _date(rng, 2025, (3, 6))]
        cell.ordinal = rng.randint(3, 8)
        unit.cell = cell
    return unit


def _careers(unit: Unit, people: _People, rng: random.Random) -> None:
    """Who holds each post when: replacements at congresses (or any year for appointed posts),
    heads often promoted from among the deputies."""
    for post in unit.posts:
        post.spells.append(Spell(people.new(), "2015-01-01"))
    events: list[tuple[str, int]] = []
    if unit.congresses:
        for date in unit.congresses:
            events.extend((date, k) for k in range(len(unit.posts))
                          if rng.random() < (0.45 if k == 0 else 0.35))
    else:
        for year in range(FIRST_YEAR, LAST_YEAR + 1):
            for k in range(len(unit.posts)):
                if rng.random() < (0.12 if k == 0 else 0.1):
                    events.append((_date(rng, year, (1, 12)), k))
    for date, k in sorted(events):
        post = unit.posts[k]
        if post.spells[-1].start >= date:
            continue
        post.spells[-1].end = date
        if k == 0 and unit.deputies and rng.random() < 0.6:
            dep = rng.choice(unit.deputies)
            if dep.spells[-1].start < date:
                promoted = dep.spells[-1].person
                dep.spells[-1].end = date
                dep.spells.append(Spell(people.new(), date))
                post.spells.append(Spell(promoted, date))
                continue
        post.spells.append(Spell(people.new(), date))


@cache
def build_world(seed: int, keep: int | None = None) -> World:
    """The provinces, their bodies and officials: a function of the seed alone. `keep` keeps the
    first few (for small corpora where the same people must meet often)."""
    rng = random.Random(f"orgkg-synth:{seed}:world")
    spec = _yaml("world.yaml")
    papers = {n.place: n for n in lexicon.newspapers() if n.place != "national"}
    provinces: list[Province] = []
    for p in lexicon.provinces():
        if p.era == "post2025":
            continue
        prov = Province(p.name, p.level, p.era == "pre2025", papers.get(p.name))
        people = _People(rng)
        for key, unit_spec in {**spec["leaders"], **spec["hosts"]}.items():
            prov.units[key] = _make_unit(key, unit_spec, prov, people, rng)
        # Seats in the provincial party committee, held beside a government post.
        for post in [*prov.units["ubnd"].deputies, prov.units["mttq"].head]:
            for s in post.spells:
                s.person.party = s.person.party or rng.choice(["Tỉnh ủy viên", "Ủy viên Ban Thường vụ", None])
        for s in prov.units["ubnd"].head.spells:
            s.person.party = "Phó Bí thư"
        editors = _People(rng)
        prov.masthead = [("Tổng biên tập", editors.new(0).name)] + [
            ("Phó Tổng biên tập", editors.new(0).name) for _ in range(rng.randint(1, 2))]
        streets = _yaml("phrases.yaml")["streets"]
        prov.address = f"Số {rng.randint(2, 199)} {rng.choice(streets)}"
        provinces.append(prov)
    weights = [rng.uniform(0.5, 2.0) for _ in provinces]
    if keep:
        provinces, weights = provinces[:keep], weights[:keep]
    return World(seed, provinces, weights)


# --------------------------------------------------------------------------------------- articles


@dataclass
class Meeting:
    """What happened, before any wording is chosen."""

    prov: Province
    host: Unit
    kind: str  # FORMAT.md kind
    date: str
    period: str  # the period its tasks are for
    review: str = ""  # the period under review, as written
    term: str = ""  # for congresses
    ordinal: int = 0
    quarter: int = 0
    theme: str = ""


def _pick_meeting(world: World, rng: random.Random) -> Meeting:
    prov = rng.choices(world.provinces, world.weights)[0]
    keys = [k for k, u in prov.units.items() if u.spec.get("meetings")]
    weights = [3.0 if k in ("sokhcn", "lhh") else 1.0 for k in keys]
    host = prov.units[rng.choices(keys, weights)[0]]
    kinds = host.spec["meetings"]
    kind = rng.choices(list(kinds), list(kinds.values()))[0]
    last = prov.last_day
    if kind == "đại hội":
        if host.cell and rng.random() < 0.5:
            host = host.cell
        n = rng.randrange(len(host.congresses))
        date = host.congresses[n]
        year = int(date[:4])
        term = f"{year}-{year + host.term}"
        return Meeting(prov, host, kind, date, f"nhiệm kỳ {term}", term=term, ordinal=host.ordinal + n)
    if kind == "tổng kết":
        year = rng.randint(FIRST_YEAR, int(last[:4]))
        date = _date(rng, year, (12, 12)) if rng.random() < 0.4 else _date(rng, year + 1, (1, 1))
        if date > last:
            year -= 1
            date = _date(rng, year + 1, (1, 1))
        return Meeting(prov, host, kind, date, str(year + 1), review=f"năm {year}")
    if kind == "sơ kết":
        year = rng.randint(FIRST_YEAR, LAST_YEAR if not prov.merged else LAST_YEAR - 1)
        return Meeting(prov, host, kind, _date(rng, year, (7, 7)), f"6 tháng cuối năm {year}",
                       review=f"6 tháng đầu năm {year}")
    year = rng.randint(FIRST_YEAR, int(last[:4]))
    if kind == "giao ban":
        q = rng.randint(1, 3)
        date = _date(rng, year, (3 * q + 1, 3 * q + 1))
        if date > last:
            q, date = 1, _date(rng, year, (4, 4))
        return Meeting(prov, host, kind, date, f"quý {ROMAN[q + 1]} năm {year}", review=f"quý {ROMAN[q]}",
                       quarter=q)
    date = _date(rng, year, (2, 11))
    if date > last:
        date = _date(rng, year, (2, 6))
    if kind == "hội thảo":
        themes = _yaml("phrases.yaml")["workshops"]
        theme = rng.choice(themes.get(host.spec.get("domain"), themes["science"]))
        return Meeting(prov, host, kind, date, "thời gian tới", theme=theme)
    return Meeting(prov, host, kind, date, f"năm {year}", ordinal=rng.randint(3, 18))


class _Article:
    """Text and gold written together: every mention chosen here is recorded as the reader takes it."""

    def __init__(self, m: Meeting, rng: random.Random) -> None:
        self.m = m
        self.rng = rng
        self.lines: list[str] = []
        self.written: dict[Unit, list[str]] = {}  # every form each organization was written in
        self.listed: list[Unit] = []
        self.people: dict[str, dict[str, Any]] = {}
        self.roles: list[tuple[str, str]] = []
        self.elections: list[dict[str, Any]] = []
        self.tasks: list[dict[str, Any]] = []
        self.boilerplate: list[dict[str, Any]] = []
        self.extra_orgs: list[dict[str, Any]] = []
        self.meeting_name = ""
        self.location: str | None = None

    # organizations ---------------------------------------------------------------------------

    def org(self, unit: Unit, full: float = 0.3, listed: bool = True, bare: bool = True) -> str:
        """How this organization is written here: its full name or one of its short forms (a bare
        "Sở", "Hội" only where the text has already named it)."""
        rng = self.rng
        shorts = unit.shorts if bare else [f for f in unit.shorts if f not in BARE]
        if rng.random() < full or not shorts:
            form = unit.name
        else:
            form = rng.choice(shorts)
            if f" {self.m.prov.level}" in f" {form}" and form.endswith(self.m.prov.level) and rng.random() < 0.3:
                form = f"{form} {self.m.prov.name}"
        self.written.setdefault(unit, []).append(form)
        if listed:
            self.list_org(unit)
        return form

    def list_org(self, unit: Unit) -> None:
        while unit is not None and unit not in self.listed:
            self.listed.append(unit)
            unit = unit.parent

    # people ----------------------------------------------------------------------------------

    def _honorific(self, person: Person, allow_none: bool = True) -> str:
        rng = self.rng
        r = rng.random()
        if person.academic and r < 0.5:
            return rng.choice(ACADEMIC_FORMS[person.academic])
        if allow_none and r > 0.9:
            return ""
        if r < 0.75:
            return "đồng chí"
        return "bà" if person.sex == "f" else "ông"

    def _gold_person(self, person: Person, honorific: str) -> dict[str, Any]:
        g = self.people.setdefault(person.name, {"name": person.name, "honorific": None, "positions": []})
        canonical = next((k for k, forms in ACADEMIC_FORMS.items() if honorific in forms), honorific or None)
        if canonical and HONORIFIC_RANK[canonical] > HONORIFIC_RANK.get(g["honorific"] or "", 0):
            g["honorific"] = canonical
        return g

    def _position(self, g: dict[str, Any], title: str, unit: Unit, term: str | None = None) -> None:
        pos = {"title": title, "organization": unit.name}
        if term:
            pos["term"] = term
        if pos not in g["positions"]:
            g["positions"].append(pos)

    def _title_text(self, title: str, unit: Unit, g: dict[str, Any], full: float = 0.3) -> str:
        """ "Phó Chủ tịch UBND tỉnh", recorded as a position of the person."""
        variants = _title_variant(title)
        written = self.rng.choice(variants) if variants and self.rng.random() < 0.15 else title
        self._position(g, title, unit)
        return f"{written} {self.org(unit, full)}"

    def _party_text(self, person: Person, g: dict[str, Any]) -> str | None:
        if not person.party:
            return None
        tinhuy = self.m.prov.units["tinhuy"]
        if person.party == "Tỉnh ủy viên":
            self._position(g, "Tỉnh ủy viên" if tinhuy.name.startswith("Tỉnh") else "Thành ủy viên", tinhuy)
            self.list_org(tinhuy)
            if tinhuy.name.startswith("Tỉnh"):
                return self.rng.choice(["Tỉnh ủy viên", "TUV"])
            return "Thành ủy viên"
        return self._title_text(person.party, tinhuy, g, full=0.0)

    def person(self, who: Post | Person, unit: Unit | None, style: str = "after", party: bool = True) -> str:
        """A person's first mention with their title(s): "đồng chí X, TUV, Phó Chủ tịch UBND tỉnh"
        (after), "Phó Chủ tịch UBND tỉnh X" (before); every title given is recorded as a position."""
        person = who if isinstance(who, Person) else who.holder(self.m.date)
        title = None if isinstance(who, Person) else who.title
        rng = self.rng
        if style == "before" and title and unit:
            hon = self._honorific(person) if rng.random() < 0.3 else ""
            g = self._gold_person(person, hon)
            head = self._title_text(title, unit, g)
            return f"{hon} {head} {person.name}" if hon else f"{head} {person.name}"
        hon = self._honorific(person, allow_none=False)
        g = self._gold_person(person, hon)
        parts = []
        if party and rng.random() < 0.7 and (pt := self._party_text(person, g)):
            parts.append(pt)
        if title and unit:
            parts.append(self._title_text(title, unit, g))
        return f"{hon} {person.name}" + "".join(f", {p}" for p in parts)

    def again(self, person: Person, title: str | None = None, unit: Unit | None = None) -> str:
        """A later mention: "đồng chí X" or "Phó Chủ tịch UBND tỉnh X"."""
        rng = self.rng
        if title and unit and rng.random() < 0.5:
            self._position(self.people[person.name], title, unit)
            return f"{title} {self.org(unit, 0.2)} {person.name}"
        hon = "đồng chí" if rng.random() < 0.8 else ("bà" if person.sex == "f" else "ông")
        self._gold_person(person, hon)
        return f"{hon} {person.name}"

    def role(self, person: Person, *roles: str) -> None:
        for r in ("attended", *roles):
            if (person.name, r) not in self.roles:
                self.roles.append((person.name, r))

    # tasks -----------------------------------------------------------------------------------

    def task_items(self, k: int) -> list[str]:
        rng = self.rng
        bank = _yaml("phrases.yaml")["tasks"]
        domain = self.m.host.spec.get("domain") or "common"
        pool = list(dict.fromkeys(bank.get(domain, []) + bank["common"]))
        year = self.m.period[-4:] if self.m.period[-4:].isdigit() else self.m.date[:4]
        out = []
        for phrase in rng.sample(pool, min(k, len(pool))):
            out.append(phrase.format(n=rng.randint(2, 12), k=_num(rng.choice([50, 100, 150, 200, 500, 1000, 2000])),
                                     p=rng.choice([80, 85, 90, 95, 98, 100]), y=year))
        return out

    def add_tasks(self, items: list[str], performer: Unit, period: str) -> None:
        for text in items:
            self.tasks.append({"text": text, "organization": performer.name, "period": period,
                               "meeting": self.meeting_name})

    # gold ------------------------------------------------------------------------------------

    def gold(self) -> dict[str, Any]:
        m = self.m
        organizations = []
        for unit in self.listed:
            aliases = [f for f in dict.fromkeys(self.written.get(unit, [])) if f != unit.name]
            organizations.append({"name": unit.name, "aliases": aliases,
                                  "parent": unit.parent.name if unit.parent else None})
        organizations.extend(self.extra_orgs)
        people = [p for p in self.people.values()]
        return {
            "meetings": [{"name": self.meeting_name, "kind": m.kind, "date": m.date, "host": m.host.name,
                          "location": self.location}],
            "organizations": organizations,
            "people": people + self.boilerplate,
            "participation": [{"person": p, "meeting": self.meeting_name, "role": r} for p, r in self.roles],
            "elections": self.elections,
            "tasks": self.tasks,
        }


def _num(n: int) -> str:
    """Thousands grouped with dots, as Vietnamese writes them (4.460)."""
    return f"{n:,}".replace(",", ".")


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _day(date: str, rng: random.Random) -> str:
    """The day and month as reports write them, usually without the year."""
    _y, mo, d = (int(x) for x in date.split("-"))
    sep = rng.choice(["/", "/", "/", "-"])
    month = f"{mo:02d}" if rng.random() < 0.15 else str(mo)
    return f"{d}{sep}{month}"


def _dateline(date: str, rng: random.Random) -> str:
    """The page's publication line: the meeting's day or the day after, with the year."""
    day = dt.date.fromisoformat(date) + dt.timedelta(days=rng.choice([0, 0, 1]))
    hm = f"{rng.randint(6, 21):02d}:{rng.randint(0, 59):02d}"
    dmy = f"{day.day:02d}/{day.month:02d}/{day.year}"
    return rng.choice([
        f"{hm}, {dmy}",
        f"{WEEKDAYS[day.weekday()]}, {dmy} {hm}",
        f"Cập nhật: {dmy} | {hm}",
        f"Ngày đăng: {dmy}",
    ])


def _meeting_phrase(a: _Article) -> tuple[str, str]:
    """(the first mention of the meeting in the body, its gold name)."""
    m, rng = a.m, a.rng
    host_short = None
    if m.kind == "tổng kết":
        y = m.review[-4:]
        core = rng.choice([f"tổng kết công tác năm {y}, triển khai nhiệm vụ năm {int(y) + 1}",
                           f"tổng kết công tác năm {y} và triển khai phương hướng, nhiệm vụ năm {int(y) + 1}",
                           f"tổng kết hoạt động năm {y}, triển khai kế hoạch năm {int(y) + 1}"])
        noun = rng.choice(["Hội nghị", "Hội nghị", "hội nghị", ""])
        if m.host.key in ("lhh", "hnd", "lhpn", "doan") and rng.random() < 0.25:
            noun = "Hội nghị Ban Chấp hành"
    elif m.kind == "sơ kết":
        core = rng.choice([f"sơ kết công tác 6 tháng đầu năm, triển khai nhiệm vụ 6 tháng cuối năm {m.date[:4]}",
                           f"sơ kết hoạt động 6 tháng đầu năm {m.date[:4]}, triển khai nhiệm vụ 6 tháng cuối năm"])
        noun = rng.choice(["Hội nghị", "hội nghị", ""])
    elif m.kind == "đại hội":
        if m.host.name.startswith("Chi bộ"):
            core, noun = f"Chi bộ {m.host.parent.shorts[0] if m.host.parent else ''} nhiệm kỳ {m.term}", "Đại hội"
            core = rng.choice([core, f"chi bộ nhiệm kỳ {m.term}"])
        else:
            host_short = m.host.name
            core = f"đại biểu {host_short} lần thứ {ROMAN[min(m.ordinal, 15)]}, nhiệm kỳ {m.term}"
            noun = "Đại hội"
    elif m.kind == "hội thảo":
        core, noun = f"khoa học “{m.theme}”", "Hội thảo"
    elif m.kind == "giao ban":
        core, noun = f"giao ban công tác {m.review} năm {m.date[:4]}", "Hội nghị"
    else:
        core, noun = f"lần thứ {m.ordinal}", "Hội nghị Ban Chấp hành"
        core = rng.choice([core, f"lần thứ {m.ordinal} (mở rộng)"])
    written = f"{noun} {core}".strip()
    name = written if noun else f"Hội nghị {core}"
    name = _cap(name) if name.lower().startswith(("hội nghị", "đại hội", "hội thảo")) else name
    return written, name


def render(world: World, seed: int, index: int) -> tuple[str, str, dict[str, Any]]:
    """Article `index` of the corpus of `seed`: (id, text, gold annotation)."""
    rng = random.Random(f"orgkg-synth:{seed}:{index}")
    m = _pick_meeting(world, rng)
    a = _Article(m, rng)
    prov, host = m.prov, m.host
    paper = prov.paper
    lines = a.lines
    y = m.date[:4]
    cell = host.name.startswith("Chi bộ")
    congress = m.kind == "đại hội"
    noun = {"đại hội": "đại hội", "hội thảo": "hội thảo"}.get(m.kind, "hội nghị")

    # Where the locality shows: the host's full name, a dateline code, or the footer (decided up front).
    codes = paper.codes if paper else ()
    show_code = bool(codes) and rng.random() < 0.35
    show_footer = paper is not None and rng.random() < 0.3
    # with no code and no footer, the lead names the host in full: else no reader could tell the province
    full_host = 1.0 if not (show_code or show_footer) else 0.35
    year_known = m.kind in ("tổng kết", "sơ kết", "đại hội")
    show_date_line = rng.random() < (0.5 if year_known else 1.0)

    # headline and page chrome
    written, a.meeting_name = _meeting_phrase(a)
    if rng.random() < 0.5:
        headline = f"{a.org(host, 0.5, bare=False)}: {_cap(written)}"
    else:
        headline = _cap(rng.choice(a.task_items(1) or [a.meeting_name]))
    lines.append(headline)
    if rng.random() < 0.15:
        lines.append("0:00 / 0:00\n0:00")
    if show_date_line:
        lines.append(_dateline(m.date, rng))
    if rng.random() < 0.1:
        lines.append(rng.choice(["Print", "Cỡ chữ  A  A  A", "Chia sẻ"]))

    # lead: when, who, what
    when = rng.choice(["Ngày", "Sáng", "Chiều", "Sáng", "Chiều"]) + " " + _day(m.date, rng)
    if not year_known and not show_date_line:
        when += f"/{y}"
    code = ""
    if show_code:
        code = f"({rng.choice(codes)}) - " if rng.random() < 0.6 else f"{rng.choice(codes)} - "
    venue = ""
    if rng.random() < 0.2:
        a.location = f"{rng.choice(_yaml('phrases.yaml')['venues'])} {prov.locality}"
        venue = f" tại {a.location}"
    if congress and not cell:
        lines.append(f"{code}{when}, {_cap(written)}{venue} đã long trọng diễn ra.")
        a.list_org(host)
    else:
        lines.append(f"{code}{when}, {a.org(host, full_host, bare=False)} tổ chức {written}{venue}.")

    # guests and the chair
    guests: list[tuple[Person, Post, Unit]] = []
    for g in [] if cell else host.spec.get("guests", []):
        key, which = g.split(".")
        unit = prov.units[key]
        post = unit.head if which == "head" else unit.deputies[hash_index(host.key, len(unit.deputies))]
        if rng.random() < 0.8:
            guests.append((post.holder(m.date), post, unit))
    guest_texts = []
    for person, post, unit in guests:
        guest_texts.append(a.person(post, unit, "before" if rng.random() < 0.35 else "after"))
        a.role(person)
    if guest_texts:
        verb = rng.choice(["Tới dự", "Dự", "Tham dự", "Về dự"])
        lines.append(f"{verb} {noun} có {'; '.join(guest_texts)}.")
    body = host.parent if cell and host.parent else host
    chair = body.head.holder(m.date)
    if not congress:
        lines.append(_cap(f"{a.person(body.head, body, 'after' if rng.random() < 0.6 else 'before')} "
                          f"{rng.choice(['chủ trì hội nghị', 'chủ trì', 'điều hành hội nghị'])}."))
        a.role(chair, "chaired")
    if rng.random() < 0.6:
        caption = rng.choice(_yaml("phrases.yaml")["captions"])
        lines.append(caption.replace("hội nghị", noun).replace("Hội nghị", _cap(noun)))

    # the report on the period under review: past results, not tasks
    results = _yaml("phrases.yaml")["results"]
    said = []
    for r in rng.sample(results, rng.randint(2, 4)):
        n = rng.randint(3, 40)
        text = r.format(host=a.org(host, 0.0) if "{host}" in r else "", n=n,
                        m=_num(rng.randint(200, 9000)), k=n + rng.randint(0, 2))
        said.append(text if r.startswith("{host}") else text[0].lower() + text[1:])
    period = m.review or f"năm {y}"
    reporter_post = body.deputies[0] if body.deputies else None
    reporter = reporter_post.holder(m.date) if reporter_post else None
    if reporter_post and reporter is not chair and not congress and rng.random() < 0.7:
        intro = a.person(reporter_post, body, "after")
        a.role(reporter, "reported")
        lines.append(f"Theo báo cáo do {intro} trình bày, {period}, {said[0]} " + " ".join(_cap(x) for x in said[1:]))
    else:
        lines.append(f"{_cap(period)}, {said[0]} " + " ".join(_cap(x) for x in said[1:]))

    # congresses: who was elected
    if congress:
        _elections(a)

    # the tasks the meeting set, under a frame with their period
    short = a.org(host, 0.1)
    items = a.task_items(rng.randint(2, 6))
    if m.kind == "hội thảo":
        items = items[:2]
    lead_in = {"tổng kết": f"Năm {m.period}", "sơ kết": _cap(m.period), "đại hội": f"Nhiệm kỳ {m.term}",
               "giao ban": _cap(m.period), "hội thảo": "Thời gian tới"}.get(m.kind, f"Trong {m.period}")
    style = rng.random()
    if style < 0.4:
        items = [_cap(t) if rng.random() < 0.5 else t for t in items]
        lines.append(f"{lead_in}, {short} tập trung thực hiện các nhiệm vụ trọng tâm: " + "; ".join(items) + ".")
    elif style < 0.7:
        items = [_cap(t) for t in items]
        frame = f"năm {m.period}" if m.kind == "tổng kết" else m.period
        lines.append(f"Về phương hướng, nhiệm vụ {frame}, {short} thống nhất {len(items)} nhiệm vụ trọng tâm: "
                     + "; ".join(f"({n}) {t}" for n, t in enumerate(items, 1)) + ".")
    else:
        first, rest = items[0], items[1:]
        lines.append(" ".join([f"{lead_in}, {short} sẽ {first}."] + [f"{_cap(t)}." for t in rest]))
        items = [f"sẽ {first}", *rest]
    a.add_tasks(items, host, m.period)

    # the guest's speech: more tasks, for "thời gian tới"
    if guests:
        person, post, unit = guests[0]
        known = {x.removeprefix("sẽ ").lower() for x in items}
        more = [t for t in a.task_items(rng.randint(1, 3)) if t.lower() not in known]
        if more:
            ref = a.again(person, post.title, unit)
            verb = rng.choice(["Phát biểu chỉ đạo tại hội nghị", "Phát biểu tại hội nghị", "Phát biểu kết luận"])
            lines.append(f"{verb.replace('hội nghị', noun)}, {ref} ghi nhận, biểu dương những kết quả "
                         f"{a.org(host, 0.0)} đạt được. Đồng chí đề nghị thời gian tới, {a.org(host, 0.0)} cần: "
                         + "; ".join(more) + ".")
            a.add_tasks(more, host, "thời gian tới")
            a.role(person, "spoke")
            if rng.random() < 0.5:
                lines.append(_cap(f"{a.again(person, post.title, unit)} phát biểu tại {noun}."))

    # deputies sharing a title
    if not congress and len(body.deputies) >= 2 and rng.random() < 0.2:
        deps = [p.holder(m.date) for p in body.deputies]
        if len({d.name for d in deps}) == len(deps):
            title = body.deputies[0].title
            lines.append(f"Cùng dự có các đồng chí {title} {a.org(body, 0.0)}: {', '.join(d.name for d in deps)}.")
            for d in deps:
                a._position(a._gold_person(d, "đồng chí"), title, body)
                a.role(d)

    if rng.random() < 0.4:
        lines.append(f"Nhân dịp này, {a.org(host, 0.0)} đã trao Giấy khen cho {rng.randint(3, 20)} tập thể và "
                     f"{rng.randint(2, 30)} cá nhân có thành tích xuất sắc.")

    # byline, footer, page chrome
    bylines = _People(random.Random(f"orgkg-synth:{seed}:{index}:byline"))
    name = bylines.new(0).name
    reporter_name = name if rng.random() < 0.5 else " ".join(name.split()[-2:])
    lines.append(rng.choice([f"Tin, ảnh: {reporter_name}", reporter_name, f"Bài và ảnh: {reporter_name}",
                             f"Tin: {reporter_name}\n\nẢnh: {bylines.new(0).name}"]))
    if show_footer and paper:
        _footer(a, paper)
    if rng.random() < 0.2:
        lines.append(rng.choice(["Xem thêm", "Tin khác", "Tin liên quan"]))
    return f"synth-{index:06d}", "\n\n".join(lines) + "\n", a.gold()


def hash_index(key: str, n: int) -> int:
    """A stable choice among n for a key (the deputy in charge of a field): no Python hash()."""
    return sum(key.encode()) % n if n else 0


def _elections(a: _Article) -> None:
    m, rng = a.m, a.rng
    host = m.host
    cell = host.name.startswith("Chi bộ")
    body = host.parent if cell and host.parent else host
    before = (dt.date.fromisoformat(m.date) - dt.timedelta(days=1)).isoformat()
    title_head = host.head.title
    prev_term = f"{int(m.term[:4]) - host.term}-{m.term[:4]}"
    old, new = host.head.holder(before), host.head.holder(m.date)
    if old is not new and not cell:
        intro = a.person(old, None, party=False)
        a._position(a.people[old.name], title_head, host, prev_term)
        a.lines.append(f"{_cap(intro)}, {title_head} {a.org(host, 0.0)} nhiệm kỳ {prev_term} "
                       f"trình bày báo cáo chính trị tại đại hội.")
        a.role(old, "reported")
    if not cell and rng.random() < 0.5:
        a.lines.append(f"Đại hội đã bầu Ban Chấp hành nhiệm kỳ {m.term} gồm {rng.randint(15, 45)} đồng chí.")

    def elected(person: Person, post: Post) -> str:
        text = a.person(person, None, party=False)
        if cell and post.mirror is not None:  # a cell's officers are named by their post in the body
            text += f", {a._title_text(post.mirror.title, body, a.people[person.name], 0.0)}"
        a._position(a.people[person.name], post.title, host, m.term)
        a.elections.append({"person": person.name, "title": post.title, "organization": host.name,
                            "term": m.term})
        a.role(person, "elected")
        return text

    how = "tái cử giữ chức" if old is new else "giữ chức"
    sentence = f"Đại hội đã bầu {elected(new, host.head)} {how} {title_head} {a.org(host, 0.1)} nhiệm kỳ {m.term}"
    deps = [(p.holder(m.date), p) for p in host.deputies]
    texts = [elected(d, p) for d, p in deps if d is not new]
    if texts:
        sentence += f"; {', '.join(texts)} giữ chức {host.deputies[0].title}"
    a.lines.append(sentence + ".")


def _footer(a: _Article, paper: lexicon.Newspaper) -> None:
    prov, rng = a.m.prov, a.rng
    name = f"{paper.name} điện tử"
    upper = name.upper()
    a.lines.append(upper)
    a.lines.append(f"Giấy phép số: {rng.randint(10, 500)}/GP-BTTTT do Bộ Thông tin và Truyền thông cấp ngày "
                   f"{rng.randint(1, 28)}/{rng.randint(1, 12)}/{rng.randint(2016, 2022)}.")
    chief = [n for t, n in prov.masthead if t == "Tổng biên tập"]
    deputies = [n for t, n in prov.masthead if t != "Tổng biên tập"]
    a.lines.append(f"Tổng biên tập: {chief[0]}")
    a.lines.append(f"Phó Tổng biên tập: {', '.join(deputies)}")
    a.lines.append(f"Tòa soạn: {prov.address}, {prov.locality}")
    for title, person in prov.masthead:
        a.boilerplate.append({"name": person, "honorific": None, "boilerplate": True,
                              "positions": [{"title": title, "organization": name}]})
    a.extra_orgs.append({"name": name, "aliases": [upper], "parent": None})


# --------------------------------------------------------------------------------------- corpus


def iter_corpus(seed: int, n: int, start: int = 0, provinces: int | None = None
                ) -> Iterator[tuple[str, str, dict[str, Any]]]:
    world = build_world(seed, provinces)
    for i in range(start, start + n):
        yield render(world, seed, i)


def _write_range(out: Path, seed: int, start: int, stop: int, provinces: int | None = None) -> int:
    articles, gold = out / "articles", out / "gold"
    for art_id, text, ann in iter_corpus(seed, stop - start, start, provinces):
        (articles / f"{art_id}.txt").write_text(text, encoding="utf-8")
        (gold / f"{art_id}.json").write_text(
            json.dumps(ann, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return stop - start


def write_corpus(out: Path, n: int, seed: int = 0, workers: int = 1, provinces: int | None = None
                 ) -> dict[str, Any]:
    """Write OUT/articles/<id>.txt and OUT/gold/<id>.json for articles 0..n-1, and OUT/world.json."""
    (out / "articles").mkdir(parents=True, exist_ok=True)
    (out / "gold").mkdir(parents=True, exist_ok=True)
    if workers > 1 and n >= 2000:
        from concurrent.futures import ProcessPoolExecutor

        step = -(-n // (workers * 8))
        starts = list(range(0, n, step))
        with ProcessPoolExecutor(workers) as pool:
            list(pool.map(_write_range, [out] * len(starts), [seed] * len(starts), starts,
                          [min(i + step, n) for i in starts], [provinces] * len(starts)))
    else:
        _write_range(out, seed, 0, n, provinces)
    summary = world_summary(build_world(seed, provinces))
    summary["articles"] = n
    (out / "world.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return summary


def world_summary(world: World) -> dict[str, Any]:
    """Each province's bodies and who held which post when (for checking resolution)."""
    provinces = []
    people = 0
    for prov in world.provinces:
        units = []
        for unit in prov.units.values():
            posts = [{"title": p.title, "holders": [[s.person.name, s.start, s.end] for s in p.spells]}
                     for p in unit.posts]
            people += sum(len(p["holders"]) for p in posts)
            units.append({"name": unit.name, "posts": posts, "congresses": unit.congresses})
        provinces.append({"name": prov.name, "paper": prov.paper.name if prov.paper else None, "units": units})
    return {"seed": world.seed, "provinces": provinces, "spells": people}
