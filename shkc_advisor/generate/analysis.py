"""Reading a question: language, content terms (with English→Chinese glossary), what it
asks for (focus), the constraints an answer must meet (years, places, figures), and
whether it carried planted instructions (``asking`` reads how the question is put,
``cues`` holds the patterns that say what kind of answer is asked for).
Pure functions, no model.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from importlib import resources

import yaml

from ..index import tokenize
from .asking import (
    CJK,
    EN_WORD,
    NOT_THAT,
    PURPOSE,
    SPEAKER,
    TASK_Q,
    asked_part,
    asking_sentences,
    asks_something,
    head_counts,
    is_english,
    self_description,
    strip_injection,
)
from .cues import (
    AUTHOR_Q,
    CHECK_Q,
    COMPARE_Q,
    COUNT_Q,
    COUNTED_AFTER,
    COUNTED_SUBSET,
    EVERYDAY,
    EXAMPLE_Q,
    FUND_SIZE_Q,
    LATER_WHEN,
    LIST_Q,
    MONEY_Q,
    ORDINAL_Q,
    OWN_STATUS,
    PERCENT_Q,
    REMEDY_Q,
    SHORTHAND_Q,
    TIME_Q,
    WHERE_Q,
    WHY_Q,
)
from .focus import FOCUS
from .numerals import (
    DECADE,
    MILLION,
    NUM,
    ORDINAL,
    THOUSANDS,
    YEAR,
    digit_ordinals,
    in_wan_or_yi,
    zh_number,
)

# Named documents and quoted names ("科创通宝") the question takes for granted.
_TITLE = re.compile(
    r"《([^》]{2,60})》|“([\u4e00-\u9fff]{2,12}(?:[、，,][\u4e00-\u9fff]{2,12})?)”|"
    r"['‘“\"]([A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+){1,5})['’”\"]"
)

EN_STOP = frozenset(
    "a an the of to in for and or is are was were be been being what which who whom whose how many "
    "much does do did can could would should will shall may might must on at by with from about as it "
    "its this that these those there their them they any some i we you he she me my our your us "
    "please tell know give list show explain describe exactly roughly approximately total get got "
    "have has had if than then so also just only not no yes per each every into over under up down "
    "out more most less least such other same s t let's lets want need like say says said according "
    "sources source paper document mention mentioned mentions state states stated does did number "
    "amount figure figures value values whether right correct true really actually still now "
    "currently today when where why example examples given own called "
    # what a founder says around the question, and words about the answer's form, not its content
    "heard hear hearing keep keeps friend friends journalist here plain terms chinese english name "
    "names characters kind sort supposed involve involves cite search saying thinking wondering "
    "wonder curious told read looking guess think thought believe seems seem basically anyway "
    "hello thanks thank exact "
    # light verbs, number words and linking words: they carry no term a passage could match
    "since during through among between across within after one two three four five big good best high "
    "specific concrete re th co go run make take put set come came went gets gives made done used using "
    "type lay lays laid mark marks ".split()
)
ZH_QUESTION_WORDS = frozenset(
    "多少 几 几家 几个 哪些 哪个 哪家 什么 是否 能否 可以 有没有 有无 怎样 怎么样 如何 "
    "为什么 吗 呢 请问 一下 告诉 介绍 说说 对吗 是不是 对不对 具体 分别 大概 目前 现在 "
    "当时 资料 论文 文中 提到 根据 问 想 知道 能 会 要 该 需要 "
    # colloquial filler a founder adds that no policy text would contain
    "时候 整个 到底 究竟 一共 总共 这个 那个 这些 那些 如今 眼下 听说 据说 好像 大约 左右 差不多 "
    "多大 一般 通常 情况 多久 间隔 相隔 多长时间 程度 这种 那种 一起 起来 什么样 了解 这块 那块 这边 那边 "
    "为啥 后来 前后 认为 觉得 看来 根子 根源 症结 其中 "
    "哪年 哪一年 哪天 哪一天 哪月 几月 几号 哪里 哪儿 啥 干嘛 做到 一步 然后 ".split()
)
PLACES = {
    "北京": "北京",
    "深圳": "深圳",
    "广州": "广州",
    "杭州": "杭州",
    "苏州": "苏州",
    "南京": "南京",
    "天津": "天津",
    "重庆": "重庆",
    "成都": "成都",
    "武汉": "武汉",
    "西安": "西安",
    "香港": "香港",
    "台湾": "台湾",
    "合肥": "合肥",
    "宁波": "宁波",
    "无锡": "无锡",
    "广东": "广东",
    "浙江": "浙江",
    "江苏": "江苏",
    "美国": "美国",
    "日本": "日本",
    "德国": "德国",
    "新加坡": "新加坡",
    "硅谷": "硅谷",
    "beijing": "北京",
    "shenzhen": "深圳",
    "guangzhou": "广州",
    "hangzhou": "杭州",
    "suzhou": "苏州",
    "nanjing": "南京",
    "tianjin": "天津",
    "chongqing": "重庆",
    "chengdu": "成都",
    "wuhan": "武汉",
    "hong kong": "香港",
    "singapore": "新加坡",
    "silicon valley": "硅谷",
    "zhejiang": "浙江",
    "jiangsu": "江苏",
    "guangdong": "广东",
}

def _word_map(name: str) -> dict[str, tuple[str, ...]]:
    """A ``data/*.yaml`` map of a word to the forms the sources use for it."""
    raw = resources.files("shkc_advisor").joinpath(f"data/{name}").read_text("utf-8")
    data = yaml.safe_load(raw) or {}
    return {str(k): tuple(str(x) for x in v) for k, v in data.items()}


@functools.lru_cache(maxsize=1)
def glossary() -> dict[str, tuple[str, ...]]:
    """English words and phrases (lower-case) → Chinese terms."""
    return {k.lower(): v for k, v in _word_map("glossary.yaml").items()}


def glossed(words: str) -> list[str]:
    """The glossary's Chinese for each English word of ``words`` and each pair ("pujiang talent")."""
    said = words.lower().split()
    return [z for n in (1, 2) for i in range(len(said)) for z in glossary().get(" ".join(said[i:i + n]), ())]


@functools.lru_cache(maxsize=1)
def zh_synonyms() -> dict[str, tuple[str, ...]]:
    """Chinese abbreviations and colloquial forms → the sources' wording."""
    return _word_map("zh_synonyms.yaml")


@dataclass(frozen=True)
class Term:
    """A content term of the question: any of ``alts`` found in a passage counts."""

    alts: tuple[str, ...]
    anchor: bool = False  # a policy name / place / year that evidence must contain
    source: str = ""
    parts: tuple[str, ...] = ()  # words inside a compound: finding one earns part credit
    aside: bool = False  # only in the context the founder gives first ("我们是做软件的，…")

    @property
    def required(self) -> bool:
        """A name the evidence must contain: an anchor of what is asked, not of the founder's
        own story ("我们拿了天使投资引导基金的钱，…" still makes the question an anchored one)."""
        return self.anchor and not self.aside

    def found_in(self, text: str) -> bool:
        return any(a in text for a in self.alts)


@dataclass
class Query:
    text: str
    lang: str
    terms: list[Term]
    years: list[str]
    figures: list[str]  # numbers stated in the question that are not years or ordinals
    places: list[str]
    focus: str | None
    injection: bool
    en_words: list[str] = field(default_factory=list)
    unknown_en: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)  # 《document titles》 the question names
    cue_text: str = ""  # the question without policy names, for "what is asked" cues
    original: str = ""  # the question as asked, before injected sentences were dropped
    counted: tuple[str, ...] = ()  # words for what a "how many" question counts; () if unclear
    unknown_aside: frozenset[str] = frozenset()  # unmapped English words only in the founder's story
    follows: bool = False  # a later part of a question ("…为啥撤了？"): its subject may be named before
    asked: str = ""  # what is asked, without the context a founder puts first (``asking.asked_part``)
    heads: tuple[str, ...] = ()  # the words a Chinese ask turns on: "会下雨吗" → 下雨, "哪个公园" → 公园
    everyday: tuple[str, ...] = ()  # words of daily life in what is asked ("下雨", "restaurant")
    subset: bool = False  # ``counted`` names a part ("民营的有几家"): the figure must be bound to it

    @property
    def asks_time(self) -> bool:
        text = self.cue_text or self.text
        found = [m.group(0).lower() for m in TIME_Q.finditer(text)]
        return bool(found) and not (set(found) == {"when"} and LATER_WHEN.search(text))

    @property
    def asks_count(self) -> bool:
        return bool(COUNT_Q.search(self.cue_text or self.text))

    @property
    def asks_money(self) -> bool:
        # "基金规模" even when the fund's name (an anchor) was cut from cue_text
        return bool(MONEY_Q.search(self.cue_text or self.text) or FUND_SIZE_Q.search(self.text))

    @property
    def asks_where(self) -> bool:
        return bool(WHERE_Q.search(self.cue_text or self.text))

    @property
    def asks_rank(self) -> bool:  # "排第几": a rank, not a place, even when it says 在哪
        return bool(re.search(r"rank|排名|排第|\bwhere (does|do|did) .{0,40}\bstand\b", self.text, re.I))

    @property
    def asks_example(self) -> bool:
        return bool(EXAMPLE_Q.search(self.cue_text or self.text))

    @property
    def asks_author(self) -> bool:
        return bool(AUTHOR_Q.search(self.text))

    @property
    def asks_own_status(self) -> bool:
        return bool(OWN_STATUS.search(self.asked or self.text))

    @property
    def asks_why(self) -> bool:
        return bool(WHY_Q.search(self.cue_text or self.text))

    @property
    def asks_remedy(self) -> bool:
        return bool(REMEDY_Q.search(self.cue_text or self.text))

    @property
    def is_check(self) -> bool:
        return bool(CHECK_Q.search(self.text))

    @property
    def is_task(self) -> bool:
        """A request to write or translate something (also inside a dropped injection) with no
        real question beside it."""
        return bool(TASK_Q.search(self.text)) or (
            bool(TASK_Q.search(self.original)) and not asks_something(self.text))

    def without_years(self) -> Query:
        """The same question with its years treated as stated figures (a premise to check)."""
        terms = [t for t in self.terms if t.source != "year"]
        return replace(self, terms=terms, years=[], figures=[*self.figures, *self.years])

    @property
    def compares(self) -> bool:
        return bool(COMPARE_Q.search(self.cue_text or self.text))

    @property
    def figure_units(self) -> list[str]:
        """What each stated figure counts, e.g. "%" for "30%", "万" for "1000万"."""
        out = []
        for m in re.finditer(r"(\d+(?:\.\d+)?)\s*(%|％|percent|亿|万|million|billion|家|个|项|条|场|宗)?", self.text):
            if m.group(1) in self.figures:
                out.append((m.group(2) or "").replace("％", "%").replace("percent", "%"))
        return out

    @property
    def shorthand(self) -> tuple[int, str] | None:
        """(4, "化") for "四化": how many items, and the character each one ends with."""
        m = SHORTHAND_Q.search(self.text)
        if not m:
            return None
        n, char = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        return zh_number(n) or 0, char

    @property
    def asks_list(self) -> bool:
        return bool(LIST_Q.search(self.text))

    @property
    def asks_ordinal(self) -> str | None:
        """The unit of the ordinal asked for ("届" of "第几届"), if any."""
        m = ORDINAL_Q.search(self.text)
        return m.group(1) if m else None

    @property
    def asks_percent(self) -> bool:
        return bool(PERCENT_Q.search(self.cue_text or self.text))

    @property
    def search_text(self) -> str:
        """Question plus Chinese glossary terms, for retrieval of Chinese passages."""
        extra = " ".join(t.alts[0] for t in self.terms if t.source == "glossary")
        return f"{self.text} {extra}".strip()


def _lemma(word: str, gl: dict[str, tuple[str, ...]]) -> str:
    """The glossary form of an inflected word (views → view, visited → visit), else the word."""
    if word in gl or word in EN_STOP:
        return word
    if "-" in word:
        parts = [_lemma(p, gl) for p in word.split("-") if p]
        return " ".join(parts)
    for cut, add in (
        ("ies", "y"),
        ("es", ""),
        ("s", ""),
        ("ed", ""),
        ("ed", "e"),
        ("ing", ""),
        ("ing", "e"),
        ("'s", ""),
    ):
        if word.endswith(cut) and len(word) - len(cut) >= 3:
            base = word[: -len(cut)] + add
            if base in gl:
                return base
    return word


@functools.cache
def _phrases() -> list[str]:
    """Glossary keys, longest first (longer phrases win over the words inside them)."""
    return sorted(glossary(), key=len, reverse=True)


_WHICH_OF = re.compile(r"\bwhich (?:one )?of(?: [a-z\-|]+){0,2} $")  # "which of shanghai tech-credit products"


def _english_terms(text: str, anchors: set[str]) -> tuple[list[Term], list[str], list[str]]:
    gl = glossary()
    raw = re.sub(r"[^a-z0-9&+\- ]+", " ", text.lower().replace("'s ", " "))
    terms: list[Term] = []
    # Phrases as written first ("credit products"), then in glossary forms ("views" → "view").
    low = " " + " ".join(raw.split()) + " "
    for as_written in (True, False):
        if not as_written:
            low = " " + " ".join(_lemma(w, gl) for w in low.split()) + " "
        for phrase in _phrases():
            if f" {phrase} " in low:
                alts = gl[phrase]
                # "which of Shanghai's tech-credit products…": the kind asked among, not a name to find
                kind = bool(_WHICH_OF.search(low[: low.index(f" {phrase} ") + 1]))
                terms.append(Term(alts, any(a in anchors for a in alts) and not kind, "glossary"))
                low = low.replace(f" {phrase} ", " | ")
    words = [w for w in EN_WORD.findall(low) if w not in EN_STOP and len(w) > 1]
    unknown = [w for w in words if w not in gl]
    return terms, words, unknown




_POINTER_TO = re.compile(r"(?:这个|这家|那个|那家|该)([\u4e00-\u9fff]{2,4})")


def _named_in(m: re.Match[str], question: str, kept: str, anchors: set[str]) -> str:
    """The one policy name of a dropped notice that "这个联盟" points back to, else the pointer."""
    word = m.group(1)
    for k in range(len(word), 1, -1):  # ("这个联盟是什么": the noun is the pointer's first few characters)
        head = word[:k]
        names = {a for a in anchors if a.endswith(head) and a != head and a in question and a not in kept}
        longest = max(names, key=len, default="")  # (one name, however many of its short forms are anchors)
        if names and all(n in longest for n in names):
            return longest + word[k:]
    return m.group(0)


_MERGED = re.compile(r"(?<!合)并(?:到|进)了?(?:哪|什么)")  # (asked, not a recap: "并进联交所以后…")
# "how many were 3D-printing firms?": a kind among what was counted, in the glossary's words
_EN_SUBSET = re.compile(
    r"\bhow many (?:of (?:them|these|those|the)(?: \d+)? )?(?:were|are|was) ([a-z0-9][\w\-]*(?: [\w\-]+)?) "
    r"(?:firms|companies|enterprises|businesses)\b|"
    # "how many were privately run?": a kind of ownership, whatever was counted
    r"\bhow many (?:of (?:them|these|those|the)(?: \d+)? )?(?:were|are|was|is) "
    r"(private|foreign|state)(?:ly)?(?:[- ](?:run|owned|held|funded|invested))?\b|"
    # "How much of that came from enterprises versus…?": a share of a sum
    r"\bhow much of (?:that|it|this|the \w+) (?:came|comes|was|is) (?:from|by|spent by) ([a-z\-]+)", re.I
)


def _en_subset(text: str) -> tuple[str, ...]:
    m = _EN_SUBSET.search(text)
    return glossary().get(m.group(m.lastindex or 0).lower(), ()) if m else ()


def _subset(cue: str, text: str) -> re.Match[str] | None:
    """The part of a count asked about; "among the 107 incubators" is read in the lead-in too."""
    return COUNTED_SUBSET.search(cue) or (m if (m := COUNTED_SUBSET.search(text)) and not m.group(1) else None)


def _counted(cue: str, part: re.Match[str] | None) -> tuple[str, ...]:
    """Words naming what a Chinese "how many" question counts: evidence must contain one.
    A subset (``part``: "里面民营的有几家") is named by its last word; a counted noun
    ("多少家银行参与") by any of its words, since the sources may word the rest differently."""
    if m := part:
        found = tokenize.words(m.group(m.lastindex or 0))[-1:]
    elif m := COUNTED_AFTER.search(cue):
        found = [p for w in tokenize.words(m.group(1)) for p in (w, *tokenize.subwords(w))]
    else:
        return ()
    # (single characters are particles, verbs or a word the window cut: "企业用上了科技创")
    found = [_COUNTED_AS.get(w, w) for w in found if w not in ZH_QUESTION_WORDS and CJK.search(w) and len(w) > 1]
    return tuple(a for w in found for a in (w, *zh_synonyms().get(w, ())))


# what the sources call a counted noun ("多少家公司" — "27家企业"); for counting only, as a term
# 公司 matching every 企业 sentence would say little
_COUNTED_AS = {"公司": "企业"}


# a name the asker gives for an organisation or product: "有家叫盛知华的公司", "一个名为…的平台"
_CALLED = re.compile(
    r"(?:叫做?|名为|名叫)“?([\u4e00-\u9fff]{2,10}?)”?的(?:公司|机构|平台|单位|基金|产品|园区|中心|项目|联盟|组织|企业|交易所)"
)


# Shanghai's districts: Chinese (as a pattern) → English
DISTRICTS = {
    "浦东": "pudong", "杨浦": "yangpu", "徐汇": "xuhui", "闵行": "minhang", "嘉定": "jiading", "松江": "songjiang",
    "宝山": "baoshan", "静安": "jing'?an", "黄浦(?!江)": "huangpu", "长宁": "changning", "普陀": "putuo",
    "虹口": "hongkou", "奉贤": "fengxian", "金山": "jinshan", "青浦": "qingpu", "崇明": "chongming",
}
# a district as a place ("浦东新区", "Minhang District", "Pudong New Area", "in Pudong"),
# not inside a name ("杨浦实践基地")
_DISTRICT_AS_PLACE = re.compile(
    "|".join(rf"({zh})(?:新?区|(?=(?:一共|共|总共)?有(?:几|多少)))|"  # (or asked for a count: "浦东有几家？")
             rf"\b({en})(?: new area|(?: new)? district)|(?<=\bin )({en})\b(?! [A-Z])"
             for zh, en in DISTRICTS.items()),
    re.I,
)
_DISTRICT_NAMES = [re.sub(r"\(.*\)", "", zh) for zh in DISTRICTS]
# a district as one who did it ("…and Yangpu District set up in January 2010", "杨浦区政府"): not where a count is
_DISTRICT_AS_ACTOR = re.compile(r"\b[a-z']+ district(?: government)?(?=[^,.?;]{0,30}\b(?:set up|founded|established|"
                                r"launched|created|co-founded)\b)|[\u4e00-\u9fff]{2}区政府", re.I)
_GROUPS_PER_DISTRICT = _DISTRICT_AS_PLACE.groups // len(DISTRICTS)  # (which district a match is, by its group)


def _districts_named(text: str) -> list[str]:
    return list(dict.fromkeys(_DISTRICT_NAMES[next(i for i, g in enumerate(m.groups()) if g) // _GROUPS_PER_DISTRICT]
                              for m in _DISTRICT_AS_PLACE.finditer(text)))


def is_place(word: str) -> bool:
    """A city or a Shanghai district: a place, not a policy name."""
    return word in PLACES.values() or bool(_districts_named(word))


def _everyday(asked: str, anchors: set[str]) -> tuple[str, ...]:
    """The words of daily life where the question asks, unless a policy name is asked about
    beside them ("Can a food startup get the performance loan?"); a policy named only in the
    lead-in ("“双创”政策先放一边，…红烧肉怎么做？") does not count."""
    found = tuple(dict.fromkeys(m.group(0).lower() for m in EVERYDAY.finditer(asked)))
    named = [t.alts[0] for t in _english_terms(asked, anchors)[0] if t.anchor] if is_english(asked) else [
        a for a in anchors if a in asked]
    return () if any(not is_place(a) for a in named) else found


def asks_everyday(q: Query, idf: Callable[[str], float]) -> bool:
    """"附近有什么好吃的本帮菜馆？", "Will it rain in Pudong on Tuesday?": what is asked is a matter
    of daily life the sources never mention, and no policy name where it asks (a place is none;
    see ``analyse``) makes it theirs."""
    return bool(q.everyday) and all(idf(w) == 0 for w in q.everyday)


def _anchor_places(terms: list[Term], places: list[str]) -> list[Term]:
    """A place named in the question is an anchor, in either language."""
    terms = list(terms)
    for p in places:
        named = [i for i, t in enumerate(terms) if p in t.alts]
        for i in named:
            terms[i] = replace(terms[i], anchor=True)
        if not named:
            terms.append(Term((p,), True, "place"))
    return terms

# where a Chinese ask turns: the word before "吗 / 多少 / 是谁 / 哪个" and the one after "哪个 / 什么"
_HEAD_CUE = re.compile(r"[吗呢]|多少|几[个家项位年]?|是谁|谁|哪[个家些里]?|什么|啥")


def _heads(asked: str) -> tuple[str, ...]:
    sentence = (asking_sentences(asked) or [asked])[-1]
    m = _HEAD_CUE.search(sentence)
    if not m:
        return ()
    def content_words(text: str) -> list[str]:
        return [w for w in tokenize.words(text) if CJK.search(w) and len(w) > 1 and w not in ZH_QUESTION_WORDS]
    before = content_words(sentence[: m.start()])[-1:]
    after = content_words(re.split(r"[，,。？?]", sentence[m.end():])[0])[:1] if m.group(0)[0] in "哪什啥" else []
    return tuple(before + after)


# "22条具体政策措施", "22 specific policy measures": a count of measures, not the “22条” document
_COUNT_NOT_NAME = re.compile(r"(?<![\d.])\d+\s*条(?=具体|政策|措施|举措)|"
                             r"(?<![\d.])\b\d+(?=(?:\s+[a-z-]+){0,2}\s+(?:measures|policies|steps)\b)", re.I)
# "上股交那个科创板": the exchange's own 科技创新板, not the national STAR market the paper never covers
_EXCHANGE_BOARD = re.compile(r"(上股交|股交中心|股权托管交易中心)([^，,。？?]{0,8}?)科创板")


def analyse(question: str, anchors: set[str]) -> Query:
    """``anchors``: policy terms and measure names that evidence must contain when asked."""
    text, injected = strip_injection(digit_ordinals(PURPOSE.sub("", SPEAKER.sub("", NOT_THAT.sub("", question)))))
    text = _EXCHANGE_BOARD.sub(r"\1\2科技创新板", text)
    if injected:  # ("截图：“上海众创空间联盟已于2016年撤销…”…这个联盟是什么性质的？": the notice named it)
        text = _POINTER_TO.sub(lambda m: _named_in(m, question, text, anchors), text)
    text = THOUSANDS.sub(lambda m: m.group(0) if YEAR.fullmatch(n := m.group(1) + m.group(2)) else n, text)
    lang = "en" if is_english(question) else "zh"
    asked = "".join(asking_sentences(text))
    own = self_description(text)
    rest = text
    for said in own:
        rest = rest.replace(said, " ", 1)
    years = list(dict.fromkeys(YEAR.findall(rest)))  # a year in the founder's story is no constraint
    named = _COUNT_NOT_NAME.sub(" ", text)  # (the terms to find; the figure stays in ``figures``)
    ordinals = {n for m in ORDINAL.finditer(named) for n in m.groups() if n}
    decades = set(DECADE.findall(text))
    around = re.findall(r"((?:19|20)\d\d)\s*年?(?:前后|左右)", text)  # ("2009年前后": no claim to check)
    stated = {*years, *ordinals, *decades, *head_counts(text), *around}
    # (as the sources count money: "5 million yuan" is 500万, "2.5 billion" 25亿)
    millions = {m.group(1): in_wan_or_yi(m.group(1), m.group(2)) for m in MILLION.finditer(text)}
    figures = [millions.get(n, n) for n in NUM.findall(text) if n not in stated]
    low = text.lower()
    places = sorted({zh for name, zh in PLACES.items() if name in low})
    # "朋友说微贷通门槛低，…有几家银行？" asks no conditions (English yes/no asks start "Am I…": whole text)
    focus = next((name for name, (cue, *_rest) in FOCUS.items() if cue.search(rest if lang == "zh" else text)), None)
    terms: list[Term] = []
    en_words: list[str] = []
    unknown: list[str] = []
    unknown_aside: frozenset[str] = frozenset()
    if lang == "en" or EN_WORD.search(text):
        en_terms, en_words, unknown = _english_terms(named, anchors)
        asked_en = {t.alts for t in _english_terms(rest, anchors)[0]} if own else {t.alts for t in en_terms}
        terms.extend(t if t.alts in asked_en else replace(t, aside=True) for t in en_terms)
    asked_text = asked_part(text)
    if unknown:  # "I'm hiring engineers for our HR team. What are …?": the first sentence is context
        unknown_aside = frozenset(unknown) - set(_english_terms(asked_text, anchors)[2])
    cue_text = asked_text
    for w in tokenize.words(named):
        if w in ZH_QUESTION_WORDS or not CJK.search(w) or (len(w) < 2 and w not in {"贷"}):
            continue
        parts = tuple(tokenize.subwords(w)) if len(w) >= 4 and w not in anchors else ()
        anchor = w in anchors or w in PLACES
        aside = w not in rest if anchor else (w not in asked or w not in rest)
        terms.append(Term((w, *zh_synonyms().get(w, ())), anchor, "zh", parts, aside))
    for m in _CALLED.finditer(rest):  # "有家叫盛知华的公司": a name jieba cannot know, whole
        terms.append(Term((m.group(1),), True, "name"))
    # "它并到哪家机构去了？": jieba cuts the merger's verb into 并 / 到
    if _MERGED.search(rest) and not any("并入" in t.alts for t in terms):
        terms.append(Term(("并入", "合并"), False, "zh"))
    for n in ordinals:
        alts: tuple[str, ...] = (f"第{n}期", f"第{n}批", f"{n}条", f"第{n}", f"{n}+X")
        if n == "1":
            alts += ("首期", "首批", "首届", "第一")
        terms.append(Term(alts, True, "ordinal"))
    for y in years:
        terms.append(Term((y,), True, "year"))
    terms = _anchor_places(terms, places)
    # Merge duplicates, keeping the anchor flag.
    merged: dict[tuple[str, ...], Term] = {}
    for t in terms:
        prev = merged.get(t.alts)
        merged[t.alts] = Term(t.alts, t.anchor or (prev.anchor if prev else False), t.source, t.parts,
                              t.aside and (prev.aside if prev else True))
    for a in sorted(anchors, key=len, reverse=True):
        if len(a) >= 3 and a in cue_text:
            cue_text = cue_text.replace(a, " ")
    # what a "how many" question counts, and whether it is a part of that ("民营的有几家")
    counts = COUNT_Q.search(cue_text)
    part = _subset(asked_text, text) if counts else None
    en_part = _en_subset(text) if counts else ()
    query = Query(
        text,
        lang,
        list(merged.values()),
        years,
        figures,
        places,
        focus,
        injected,
        en_words,
        unknown,
        [a or b or c for a, b, c in _TITLE.findall(text)],
        cue_text,
        question,
        (_counted(asked_text, part) or en_part) if counts else (),
        unknown_aside,
        asked=asked_text,
        heads=_heads(asked_text) if lang == "zh" else (),
        everyday=_everyday(asked_text, anchors),
        subset=bool(counts and (part or en_part)),
    )
    if query.asks_count or query.asks_money or query.asks_percent:
        # "浦东新区有多少家孵化器？": a district's figure, which the city's does not answer
        districts = [d for d in _districts_named(_DISTRICT_AS_ACTOR.sub(" ", asked_text)) if d not in places]
        query.places += districts
        query.terms = _anchor_places(query.terms, districts)
    return query
