"""What a question takes for granted that its evidence contradicts, beyond stated figures
(those are checked against the quotes in ``extractive``): a share ("一大半都是民营的吧" —
"仅33家，占30.8%"), how something moved (``changes``: "为什么下降了？" — "增加1.34%"), a rank ("是全国第一吧" —
"位居全国第二"), a place ("南南所在浦东张江吧" — "落户杨浦区"), who did it (``actors``) and the
year of an event dated in passing ("2008年并入…之后" — "2003年11月并入"). Each found contradiction is
named by the evidence's own words, so the reply can refuse the question as asked and say what
the sources do say. Stated figures missing from the quotes are found in ``extractive``; a figure
the quotes hold only as something else, in ``figures``."""

from __future__ import annotations

import re
from collections.abc import Callable

from .actors import ASKS_ZH, named_otherwise
from .analysis import DISTRICTS, Query
from .changes import PERCENT, moved_otherwise
from .claims import claimed_otherwise
from .evidence import first_year
from .figures import FRACTION, fractions
from .numerals import EN_NUMBER, EN_ORDINAL_N, zh_number

# taken for granted: checked ("…吧？"), presupposed ("Given that…", "既然…", "已经是…"), or explained ("为什么…")
_PRESUMES = re.compile(
    r"^\s*(given that|since|as)\b|既然|听说|据说|已经是|已经(超过|达到|突破|占到?)|\bI('ve)? (heard|read)\b|"
    # a statement, then its effect asked: "…缩小了…范围，这对中小企业有什么影响？"
    r"[，,。]\s*这(?:对|给|让|使|会|说明|意味着)|"
    r"\bwhat (?:effect|impact|difference) (?:has|did|does|will) (?:this|that)\b|"
    r"\bhow (?:has|did|does|will) (?:this|that) (?:affect|help|change)\b", re.I
)
_SHARE_MOST = re.compile(r"一大半|大半|大部分|大多数|多数|过半|超过一半|一半以上|\b(most of|the majority|a majority|"
                         r"more than half|over half)\b", re.I)
_SHARE_ALL = re.compile(r"全部|都是|\b(all|every)\b", re.I)
_SHARE_HALF = re.compile(r"一半|\b(about|around|roughly|only|nearly) half\b", re.I)
_SHARE_TENTHS = re.compile(r"([一二两三四五六七八九])\s*成(?![交立果功为本])")  # 三成 = about 30%
_TENTHS = "一二三四五六七八九"
_FIRST = re.compile(r"第一|第1(?!\d)|首位|最高|领先全国|\b(first|highest|tops?|topped|number one|leading|leads|"
                    r"ahead of (all|every))\b", re.I)
_RANK_FIRST = re.compile(r"(排名|排|位居|位列|名列)(全国|国内|全球)?第一|(全国|国内)第一|"
                         r"\b(rank(ed|ing|s)?|placed|placing) (first|1st|number one|top)\b", re.I)
_RANK = re.compile(r"(?:排名|位居|位列|排在|名列)+(?:全国|国内|全球)?第([一二三四五六七八九十\d]+)")
_RANK_NTH = re.compile(r"\b(?:rank(?:s|ed|ing)?|placed|placing|came) (?:the )?(second|third|fourth|fifth|sixth)\b|"
                       r"(?:排名|位居|位列|排在|名列|排)(?:全国|国内|全球)?第([二三四五六七八九十]+)", re.I)
_NOT_BUT = re.compile(
    r"是([\u4e00-\u9fff]{2,10}?)[、，,]?\s*而(?:不是|非)([\u4e00-\u9fff]{2,10}?)"
    r"(?=牵头|组建|主导|发起|成立|批准|[和与跟，,。？?])"
)
# a region set against the one the evidence names ("47家珠三角地方政府" — "47家长三角地区地方政府")
_REGIONS = {"长三角": "长三角|长江三角洲|yangtze (?:river )?delta", "珠三角": "珠三角|珠江三角洲|pearl river delta",
            "京津冀": "京津冀|beijing-tianjin-hebei", "环渤海": "环渤海|bohai", "中西部": "中西部"}
_REGION = re.compile("|".join(f"(?P<r{i}>{p})" for i, p in enumerate(_REGIONS.values())), re.I)
# a country set against the one the evidence names ("…研究所 in Serbia" — "克罗地亚鲁杰博斯科维奇研究所")
_COUNTRIES = {"克罗地亚": "croatia", "塞尔维亚": "serbia", "斯洛文尼亚": "slovenia", "匈牙利": "hungary",
              "德国": "germany", "法国": "france", "英国": "britain|england|united kingdom",
              "美国": "america|united states", "日本": "japan", "韩国": "korea", "以色列": "israel",
              "新加坡": "singapore", "瑞士": "switzerland", "荷兰": "netherlands|holland", "芬兰": "finland",
              "瑞典": "sweden", "意大利": "italy", "俄罗斯": "russia", "加拿大": "canada", "澳大利亚": "australia",
              "印度": "india"}
_COUNTRY = re.compile("|".join(f"(?P<c{i}>{zh}|\\b(?:{en})\\b)" for i, (zh, en) in enumerate(_COUNTRIES.items())),
                      re.I)
# a date in English set against the quote's of the same year ("21 October 2015" — "2015年8月21日")
_MONTHS = "january february march april may june july august september october november december".split()
_EN_DATE = re.compile(rf"\b(?:(\d{{1,2}})(?:st|nd|rd|th)?\s+)?({'|'.join(_MONTHS)})\s+"
                      r"(?:(\d{1,2})(?:st|nd|rd|th)?,?\s+)?((?:19|20)\d\d)\b", re.I)
_ZH_DATE = re.compile(r"((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?")
# "全国第二家…联盟" against the quote's "首家…联盟": an order of founding stated otherwise
_NTH = re.compile(r"第([二两三四五六七八九十]|[2-9])(家|个|批|所)")
_FIRST_OF = re.compile(r"(?:首|第一)(家|个|批|所)")
# ("only the third regional maker-space alliance in the world"; not a rank, "the second largest", or a round)
_EN_NTH_OF = re.compile(r"\b(?:the|its|only a)\s+(?:only\s+)?(second|third|fourth|fifth|2nd|3rd|4th|5th)\s+"
                        r"(?!(?:\w+est|most|time|year|round|batch|phase|stage|step|session|plenary|place)\b)"
                        r"[a-z-]+", re.I)
# a “quoted” name dated by the question ("2015年…主题是“协同创新，共享机遇”") that the quotes give another year
_QUOTED = re.compile(r"[“\"]([^”\"]{2,30})[”\"]")
# a plenary session of a named body ("十届市委八次全会"): its numbers, as ints
_SESSION = re.compile(r"(?:([一二三四五六七八九十\d]+)届市委)?([一二三四五六七八九十\d]+)(次全会|中全会)")


# ("the ninth plenary session of the tenth Shanghai Municipal Party Committee")
_EN_NTH = "|".join(EN_ORDINAL_N)
_EN_SESSION = re.compile(rf"\b({_EN_NTH}|\d+(?:st|nd|rd|th)) plenary session of the ({_EN_NTH}|\d+(?:st|nd|rd|th))\b",
                         re.I)


def _session(m: re.Match[str]) -> tuple[int | None, int | None]:
    def n(x: str | None) -> int | None:
        if x is None:
            return None
        if x.lower() in EN_ORDINAL_N:
            return EN_ORDINAL_N[x.lower()]
        return int(re.sub(r"\D", "", x)) if x[0].isdigit() else zh_number(x)
    if m.re is _EN_SESSION:  # (the session first, then the committee's term)
        return n(m.group(2)), n(m.group(1))
    return n(m.group(1)), n(m.group(2))


def _session_off(q: Query, quotes: list[str]) -> list[str]:
    """"十届市委七次全会" where the quotes hold 八次全会 (the term checked only when the question gives it)."""
    off = []
    stated = [(m, m.group(3)) for m in _SESSION.finditer(q.text)]
    stated += [(m, "次全会") for m in _EN_SESSION.finditer(q.text)]
    for m, kind in stated:
        term, nth = _session(m)
        said = [(s.group(0), _session(s)) for text in quotes for s in _SESSION.finditer(text) if s.group(3) == kind]
        if said and not any(n == nth and term in (None, t) for _, (t, n) in said):
            off.append(said[0][0])
    return off


# how far a goal is reached by a year: "2030年全面建成" against the quote's "2030年：…基本建成"
_DEGREE = re.compile(r"(基本|全面|初步)(建成|形成|实现)")
_EN_DEGREE = re.compile(r"\b(basically|fully|initially|preliminarily)\s+(?:been\s+)?"
                        r"(complet|buil|establish|form|achiev|reali[sz])\w*", re.I)
_EN_DEGREE_ZH = {"basically": "基本", "fully": "全面", "initially": "初步", "preliminarily": "初步",
                 "complet": "建成", "buil": "建成", "establish": "建成", "form": "形成", "achiev": "实现",
                 "realis": "实现", "realiz": "实现"}


def _degrees(q: Query) -> list[tuple[str, str, str | None]]:
    """How far the question says a goal is reached, and by which year: "2030年全面建成" →
    (全面, 建成, 2030), "basically completed … by 2020" → (基本, 建成, 2020)."""
    found = []
    for degree, verb in _DEGREE.findall(q.text):
        year = re.search(rf"((?:19|20)\d\d)\s*年[^，。；？?]{{0,20}}?{degree}{verb}", q.text)
        found.append((degree, verb, year.group(1) if year else None))
    for m in _EN_DEGREE.finditer(q.text):  # (the year just after: "… by 2030", or the question's one)
        after = re.search(r"\b(?:by|in|before)\s+((?:19|20)\d\d)\b", q.text[m.end():m.end() + 80])
        found.append((_EN_DEGREE_ZH[m.group(1).lower()], _EN_DEGREE_ZH[m.group(2).lower()],
                      after.group(1) if after else q.years[0] if len(q.years) == 1 else None))
    return found


# a kind set against the quote's of the same thing ("内生型发展阶段" for 2030 — "称为混合型发展阶段")
_KIND = re.compile(r"([\u4e00-\u9fff]{2,4}?)(?<!类)型的?(发展阶段|阶段|经济|产业)")  # (not "什么类型的")
# a list's count stated otherwise ("“退、放、进”三部曲" — "“退、放、进、变”四部曲")
_NAMED_COUNT = re.compile(r"(?<![第一二三四五六七八九十两])([一二三四五六七八九十两]{1,3})"
                          r"(部曲|步走|大理念|大项目|大优势|个(?:发展)?阶段|项重大举措)")
_EN_NAMED_COUNT = re.compile(rf"\b({'|'.join(EN_NUMBER)}|\d+)\s+(?:major\s+|main\s+|key\s+|big\s+)?"
                             r"(advantages|strengths|concepts|projects|stages|phases|steps)\b", re.I)
_EN_NAMED = {"advantages": ("大优势",), "strengths": ("大优势",), "concepts": ("大理念",), "projects": ("大项目",),
             "stages": ("个阶段", "步走"), "phases": ("个阶段", "步走"), "steps": ("步走",)}
# or the items the quotes spell out ("分成了四类" — "一是…类。二是…类。三是…类。")
_LIST_COUNT = re.compile(rf"([两二三四五六七八九十])(?:大)?(?:类|个方面)(?!型)|"
                         rf"\b({'|'.join(EN_NUMBER)})\s+(?:categories|kinds|types|aspects)\b", re.I)
_LIST_ITEM = re.compile(r"(?:^|[。；;，,：:\s])([一二三四五六七八九十])是(?!否)([^，。；]{0,20})")
# a level stated the other way ("市场化程度已经比较高" — "服务市场化程度不高")
_LEVEL = re.compile(r"((?:市场|国际|产业|信息|专业|规模|网络)化|开放|成熟|活跃|创新|转化)(程度|能力|水平)"
                    r"(?:已经|已|都)?(?:比较|很|较|相当|非常|挺|还)?(不高|不强|不足|低下|偏低|较低|低|高|强)")


def _count(numeral: str) -> int | None:
    return EN_NUMBER.get(numeral.lower()) or (int(numeral) if numeral.isdigit() else zh_number(numeral))


def _count_off(q: Query, texts: list[str]) -> list[str]:
    """The words of ``texts`` counting a named list ("分四步走") the question counts otherwise."""
    off = []
    def kind(m: re.Match[str]) -> str:  # ("四个发展阶段" counts 个阶段 too)
        return m.group(2).replace("发展", "")

    stated: list[tuple[int | None, tuple[str, ...]]] = [(_count(m.group(1)), (kind(m),))
                                                       for m in _NAMED_COUNT.finditer(q.text)]
    # (in English a plan's "stages" or "phases" may be its 步走: "three stages ending in 2040" — 分四步走)
    stated += [(_count(m.group(1)), _EN_NAMED[m.group(2).lower()]) for m in _EN_NAMED_COUNT.finditer(q.text)]
    for n, named in stated:
        said = [(_count(s.group(1)), s.group(0)) for text in texts for s in _NAMED_COUNT.finditer(text)
                if kind(s) in named]
        if said and n not in {c for c, _ in said}:
            off.append(said[0][1])
    return off


def _counted_or_levelled_otherwise(q: Query, texts: list[str]) -> list[str]:
    off = _count_off(q, texts)
    items = {zh_number(m.group(1)): m.group(0).lstrip("。；;，,：: ")
             for text in texts for m in _LIST_ITEM.finditer(text)}
    listed = max((i for i in items if i), default=0)
    if listed >= 2 and set(items) == set(range(1, listed + 1)):  # (a whole list, from 一是 on)
        for m in _LIST_COUNT.finditer(q.text):
            if _count(m.group(1) or m.group(2)) != listed:
                off.append(items[listed])
                break
    for m in _LEVEL.finditer(q.text):
        levels = [s for text in texts for s in _LEVEL.finditer(text) if s.group(1, 2) == m.group(1, 2)]
        high = m.group(3) in ("高", "强")
        if levels and all((s.group(3) in ("高", "强")) != high for s in levels):
            off.append(levels[0].group(0))
    return off


# Shanghai's districts and zones, as a question may place a body in the wrong one
_DISTRICTS = {**DISTRICTS, "张江": "zhangjiang", "漕河泾": "caohejing", "临港": "lingang", "紫竹": "zizhu"}
_DISTRICT = re.compile("|".join(f"({zh}|\\b{en}\\b)" for zh, en in _DISTRICTS.items()), re.I)
_SELF_PLACE = re.compile(  # "我们在闵行", "We're based in Minhang": where the asker is
    rf"(?:我们|我司|咱们?|本公司|我)(?:公司|团队)?(?:就|也|目前|现在)?(?:在|位于)(?:上海市?)?(?:{'|'.join(_DISTRICTS)})|"
    rf"\b(?:we're|we are|i'm|i am|our \w+ is)(?: based| located)? in (?:{'|'.join(_DISTRICTS.values())})\b",
    re.I,
)
# where the evidence itself places a body: "落户杨浦区创智天地", "杨浦区政府共同筹建"
# (or an event: "在漕河泾开发区国际孵化中心联合举办")
_PLACED = re.compile(rf"(?:落户|位于|设在|坐落|地处|落地)[于在]?(?:上海市?)?(?:{'|'.join(_DISTRICTS)})|"
                     rf"(?:{'|'.join(_DISTRICTS)})区政府|"
                     rf"在(?:上海市?)?(?:{'|'.join(_DISTRICTS)})[^，。；]{{0,16}}?(?:举办|举行|召开)")

# where the question places a body: "南南所落户徐汇区…之后", "after the exchange settled in Xuhui"
_ASKED_PLACE = re.compile(rf"(?:落户|位于|设在|坐落|地处|落地|搬到|迁到|迁至|选址|入驻)[于在]?(?:上海市?)?"
                          rf"(?:{'|'.join(_DISTRICTS)})|"
                          rf"\b(?:based|located|headquartered|housed|settled|moved|relocated) (?:to|in) "
                          rf"(?:shanghai's )?(?:{'|'.join(_DISTRICTS.values())})\b", re.I)


def presumes(q: Query) -> bool:
    return q.is_check or q.asks_why or bool(_PRESUMES.search(q.text))


def _share(q: Query, quote: str) -> tuple[float, float] | None:
    """The share (a range of percent) the question states in words ("all" unless the quote says so too)."""
    if _SHARE_ALL.search(q.text) and not _SHARE_ALL.search(quote):
        return (100.0, 100.0)
    if _SHARE_MOST.search(q.text):
        return (50.0, 100.0)
    if tenths := _SHARE_TENTHS.search(q.text):
        n = 10.0 * (_TENTHS.index(tenths.group(1).replace("两", "二")) + 1)
        return (n - 10.0, n + 10.0)
    return (35.0, 65.0) if _SHARE_HALF.search(q.text) else None


def contradicted(
    q: Query, quotes: list[str], known: Callable[[str], bool] = lambda w: True, nearby: tuple[str, ...] = ()
) -> list[str]:
    """The evidence's words for what the question wrongly takes for granted (empty if nothing).
    A share or rank is read in the best quote; a district or a body in all of them, a body also in
    the sentences ``nearby`` ("上海股权托管交易中心…开盘。" before "其中，科技创新板首批…"). ``known``
    says whether the sources use a word at all."""
    off: list[str] = []
    quote = quotes[0]
    off += named_otherwise(q, quotes, known, nearby)
    kinds = _KIND.findall(q.text)
    if re.search(r"\bstage\b", q.text, re.I):  # ("the endogenous development stage": 内生型 from the glossary)
        kinds += [(t.alts[0][:-1], "发展阶段") for t in q.terms if t.source == "glossary" and t.alts[0].endswith("型")]
    for kind, what in kinds:
        said = next((m.group(0) for m in _KIND.finditer(quote) if m.group(2) == what and m.group(1) != kind), None)
        if said and not any(f"{kind}型" in text for text in quotes):
            off.append(said)
    for nth in _NTH.finditer(q.text):
        first = next((m.group(0) for m in _FIRST_OF.finditer(quote) if m.group(1) == nth.group(2)), None)
        if first and nth.group(0) not in " ".join(quotes):
            off.append(first)
    if q.lang == "en" and _EN_NTH_OF.search(q.text) and (first_of := _FIRST_OF.search(quote)):
        off.append(quote[max(0, first_of.start() - 4):first_of.end() + 12])
    for name in _QUOTED.findall(q.text) if len(q.years) == 1 else []:
        sentences = [x for text in quotes for x in re.split(r"(?<=[。；;])", text)]
        named = [x for x in sentences if name in x]
        other = next((x for x in sentences if q.years[0] in x and name not in x and _QUOTED.search(x)), None)
        if named and other and all(first_year(x) not in (None, q.years[0]) for x in named):
            off.append(other.strip())
    degrees = _degrees(q)  # (two of them: "哪年基本建成、哪年全面建成" asks, claims nothing)
    for degree, verb, year in degrees if len({d for d, _, _ in degrees}) == 1 else []:
        # (read in the quotes of the year it is set on: "2030年…全面建成…，那2040年…" — not 2040's 全面建成)
        texts = [text for text in quotes if year and year in text] or quotes
        said = next((m.group(0) for text in texts for m in _DEGREE.finditer(text) if m.group(2) == verb
                     and m.group(1) != degree), None)
        if said and not any(degree + verb in text for text in texts):
            off.append(said)
    off += _session_off(q, quotes)
    for when in _EN_DATE.finditer(q.text):
        month, day = _MONTHS.index(when.group(2).lower()) + 1, int(when.group(1) or when.group(3) or 0)
        dates = [d for d in _ZH_DATE.finditer(quote) if d.group(1) == when.group(4)]
        # (a day within the quote's span counts: "24-25 October 2014" — "2014年10月24日到25日")
        if dates and not any(int(d.group(2)) == month and (day in (0, int(d.group(3) or 0) or day)
                                                           or f"{day}日" in quote) for d in dates):
            off.append(dates[0].group(0))
    asked_countries = {m.lastgroup for m in _COUNTRY.finditer(q.text)}
    said_countries = [m for text in quotes for m in _COUNTRY.finditer(text)]
    if asked_countries and said_countries and not asked_countries & {m.lastgroup for m in said_countries}:
        off.append(said_countries[0].group(0))
    asked_regions = {m.lastgroup for m in _REGION.finditer(q.text)}
    if asked_regions and (region := _REGION.search(quote)) and region.lastgroup not in asked_regions:
        off.append(region.group(0))
    # "为什么是教育部、而不是科技部牵头？": the evidence names the one the question sets aside
    if (m := _NOT_BUT.search(q.text)) and m.group(2) in " ".join(quotes) and m.group(1) not in " ".join(quotes):
        off.append(m.group(2))
    if presumes(q):
        # (read in the first quote giving a share: "…超过1800家…。" before "…占全国约1/4")
        shared = next((text for text in quotes if PERCENT.search(text) or fractions(text)), quote)
        shares = [float(p) for p in PERCENT.findall(shared)]
        # (or the quote's fractions, when it gives no percent: "roughly half" — "占全国约1/4…1/3")
        pcts = [100 * int(a) / int(b) for a, b in (f.split("/") for f in fractions(shared))] if not shares else []
        claim = _share(q, shared)
        if claim and len(shares) == 1 and not claim[0] <= shares[0] <= claim[1]:
            off.append(f"{shares[0]:g}%")
        elif claim and pcts and (stated := FRACTION.search(shared)) and not any(
                claim[0] <= f <= claim[1] for f in pcts):
            off.append(stated.group(0))
    off += moved_otherwise(q, quotes, presumed=presumes(q))
    off += claimed_otherwise(q, quotes)
    off += _counted_or_levelled_otherwise(q, [*quotes, *nearby])
    # a rank stated as first is taken for granted however it is asked ("全国排名第一，这对…有什么帮助？")
    claims_first = _RANK_FIRST.search(q.text) or (presumes(q) and _FIRST.search(q.text))
    # (or another place stated: "ranks second" — "排名第三"; "位居全国第三" — "位居全国第二")
    nth_q = _RANK_NTH.search(q.text)
    place = 1 if claims_first else (EN_ORDINAL_N.get((nth_q.group(1) or "").lower()) or _count(nth_q.group(2) or "")
                                    if nth_q else None)
    if place and (rank := _RANK.search(quote)) and _count(rank.group(1)) != place:
        off.append(rank.group(0))
    # a district is wrong whether checked or not ("南南所在浦东哪个位置？"), unless it is the asker's own
    # (read against the sentence that places it: "…在漕河泾…举办" beside "…张江国家自主创新示范区建设")
    home, placed = next(((text, m) for text in quotes if (m := _PLACED.search(text))), ("", None))
    asked = _districts(_SELF_PLACE.sub(" ", q.text)) if placed else set()
    if placed and asked and not asked & _districts(home):
        off.append(placed.group(0))
    return off


# "我国其他大城市涌现出华为…": the sources place what follows in other cities, not Shanghai
_ELSEWHERE = re.compile(r"(?:我国|国内)?其[他它]大?(?:城市|省市|省份|地区)|外地")
_NOT_HOME = re.compile(r"其[他它]|外地|别的|没有|没能|未能|尚未|\b(other|elsewhere|outside|hasn't|has not|haven't|"
                       r"never|not yet|isn't|doesn't|does not|lacks?)\b", re.I)


def placed_elsewhere(q: Query, sentences: list[str], rare: Callable[[str], bool]) -> tuple[int, str] | None:
    """"Huawei grew out of Shanghai's small firms": the first of ``sentences`` naming it (a name
    the sources use rarely) that says it emerged in other cities, and its words for where."""
    if not re.search(r"上海|shanghai", q.text, re.I) or _NOT_HOME.search(q.text):
        return None
    names = [t.alts[0] for t in q.terms if t.source in ("zh", "glossary", "name") and rare(t.alts[0])]
    for i, sentence in enumerate(sentences if names else []):
        for clause in re.split(r"[，,。；;]", sentence):
            # (the names listed, up to "等": "涌现出华为、阿里巴巴等…科技巨头" — the question's 科技巨头 is no name)
            if (m := _ELSEWHERE.search(clause)) and any(n in clause[m.end():].split("等")[0] for n in names):
                return i, m.group(0)
    return None


def placed_otherwise(q: Query, sentences: list[str]) -> tuple[int, str] | None:
    """"南南所落户徐汇区…之后，…": the first of ``sentences`` that places a body the question names
    in a district, when the question places it in another one — and the evidence's words for where."""
    if not (place := _ASKED_PLACE.search(_SELF_PLACE.sub(" ", q.text))):
        return None
    asked = _districts(place.group(0))
    names = [a for t in q.terms if t.required and t.source != "year" for a in t.alts]
    for i, sentence in enumerate(sentences if names else []):
        if (m := _PLACED.search(sentence)) and any(n in sentence for n in names) and not asked & _districts(sentence):
            return i, m.group(0)
    return None


def reached_otherwise(q: Query, sentences: list[str]) -> tuple[int, str] | None:
    """"上海到2020年就基本建成科创中心了吧": when the sentences of the year the question gives
    say nothing of it, the first of ``sentences`` that sets that degree in another year
    ("2030年：上海基本建成…"), and its words up to the degree."""
    degrees = [(d, v, y) for d, v, y in _degrees(q) if y]
    if len(degrees) != 1:
        return None
    degree, verb, year = degrees[0]
    own = [s for s in sentences if first_year(s) == year]
    if not own or any(m.group(2) == verb for s in own for m in _DEGREE.finditer(s)):
        return None  # (true, or another degree that year, which ``contradicted`` reads)
    said = degree + verb
    return _set_in_another_year(sentences, year, lambda s: at + len(said) if (at := s.find(said)) >= 0 else None)


def _set_in_another_year(
    sentences: list[str], year: str | None, end_of: Callable[[str], int | None]
) -> tuple[int, str] | None:
    """The first of ``sentences`` dated to a year other than ``year`` in which ``end_of`` finds what
    the question sets in ``year`` (where it ends), and its words up to there."""
    for i, sentence in enumerate(sentences):
        if (end := end_of(sentence)) is not None and first_year(sentence) not in (None, year):
            return i, sentence[:end][-30:]
    return None


# a goal's rank ("全球一流科技创新中心", "a world first-class centre"), which the roadmap sets in one year
# (a centre's, not a park's: "到2030年，全面建设世界一流科技园区")
_FIRST_CLASS = re.compile(r"(?:全球|世界|国际)一流的?(?:科技创新|科创)中心|"
                          r"\b(?:world|global|international)[ -](?:first[ -])?class\b[^,.;?—]{0,30}\bcent(?:er|re)\b",
                          re.I)


def first_class_otherwise(q: Query, sentences: list[str]) -> tuple[int, str] | None:
    """"…becomes a world first-class sci-tech innovation center by 2040": when the sentences of the
    year the question sets it in do not rank the goal so, the first of ``sentences`` that does in
    another year ("2050年：上海全面建成全球一流科技创新中心"), and its words up to the rank."""
    m = _FIRST_CLASS.search(q.text)
    if not m:
        return None
    clause = re.split(r"[，,。；;？?！!—]", q.text[m.start():])[0]
    set_in = re.search(r"(?:19|20)\d\d", clause) or re.search(r"(?:19|20)\d\d", _clause_of(q.text, m.start()))
    year = set_in.group(0) if set_in else None
    if any(y == year for _, _, y in _degrees(q)):
        return None  # ("2030年就全面建成全球一流…": the degree set in that year is checked, and shown, first)
    own = [s for s in sentences if year and first_year(s) == year]
    if not own or any(_FIRST_CLASS.search(s) for s in own):
        return None
    return _set_in_another_year(sentences, year, lambda s: rank.end() if (rank := _FIRST_CLASS.search(s)) else None)


def counted_otherwise(q: Query, sentences: list[str]) -> tuple[int, str] | None:
    """"战略路线是分三步走，最后一步是2040年吧？": the first of ``sentences`` that counts the
    question's named list otherwise ("课题组提出战略路线是分四步走："), when the picked evidence
    (the list's last item) does not hold the count itself."""
    for i, sentence in enumerate(sentences):
        # (the list the question names — two of its words besides the count: "战略路线…分四步走", not
        # "…技术市场…经历了…五个阶段" for "the three stages" of an incubation chain)
        # (or one word naming the list itself: "roadmap" — 分四步走, 战略路线)
        rest = sentence.replace(found[0], " ") if (found := _count_off(q, [sentence])) else ""
        words = [t for t in q.terms if t.source != "year" and t.found_in(rest)]
        if found and (len(words) >= 2 or any(_NAMED_COUNT.search(a) for t in words for a in t.alts)):
            return i, found[0]
    return None


def _clause_of(text: str, at: int) -> str:
    """The clause of ``text`` around position ``at``."""
    start = max(text.rfind(c, 0, at) for c in "，,；;：:")
    ends = [e for c in "，,；;：:" if (e := text.find(c, at)) >= 0]
    return text[start + 1:min(ends, default=len(text))]


def quoted_otherwise(q: Query, sentences: list[str]) -> tuple[int, str] | None:
    """"2014年那届论坛的主题是“全球创新网络汇聚共同利益”": the first of ``sentences`` that gives the
    question's quoted name with another year (and none gives it with the question's one), and
    its words around the name."""
    if len(q.years) != 1:
        return None
    year = q.years[0]
    # (a name stated with the year, not asked about: "哪年“基本建成”？2050年的目标又是啥？" dates nothing)
    stated = [m.group(1) for part in re.split(r"[？?。！!]", q.text) if year in part
              for m in _QUOTED.finditer(part) if not ASKS_ZH.search(_clause_of(part, m.start()))]
    for name in stated:
        if any(name in s and year in s for s in sentences):
            continue
        for i, sentence in enumerate(sentences):
            if name in sentence and re.search(r"(?:19|20)\d\d", sentence):
                at = sentence.find(name)
                return i, sentence[max(0, at - 12):at + len(name) + 16]
    return None


# what a quoted name is the name of: "“协同创新，共享机遇”的新模式", "以“…”为主题", "主题是“…”"
_NAME_KIND = r"模式|主题|口号|理念|战略|四部曲|行动计划|研讨会|要求"


def _squashed(name: str) -> str:
    return re.sub(r"[\W_]", "", name)


def renamed_otherwise(q: Query, sentences: list[str]) -> tuple[int, str] | None:
    """"2014年浦江创新论坛提出了“开放创新、合作共赢”的新模式": a quoted name none of ``sentences``
    uses, where the first that names the same kind of thing (in the question's year) quotes
    another — and its words around that name."""
    for m in _QUOTED.finditer(q.text):
        name = _squashed(m.group(1))
        around = q.text[max(0, m.start() - 4):m.end() + 6]
        kinds = set(re.findall(_NAME_KIND, around))
        if not kinds or any(name in _squashed(s) for s in sentences):
            continue
        for i, sentence in enumerate(sentences):
            if q.years and not any(y in sentence for y in q.years):
                continue
            for other in _QUOTED.finditer(sentence):
                near = sentence[max(0, other.start() - 4):other.end() + 6]
                said = _squashed(other.group(1))
                # (not the name in other words: "讨论“市场中介组织怎么助力上海科创中心”的专题研讨会")
                shared = sum(c in said for c in name) / len(name)
                if kinds & set(re.findall(_NAME_KIND, near)) and shared < 0.5:
                    return i, sentence[max(0, other.start() - 12):other.end() + 8]
    return None


def _districts(text: str) -> set[int]:
    """Which districts (by their place in the list) a text names, in either language."""
    return {i for m in _DISTRICT.finditer(text) for i, g in enumerate(m.groups()) if g}


# Events a question may date in passing ("After X merged … in 2008, …"), as the sources word them.
_EVENTS = {
    "merge": (r"并入|合并|并到|并进", r"merg"),
    "found": (r"成立|设立|组建|筹建|创建", r"found|set up|establish|creat"),
    "pass": (r"通过|出台|印发", r"passed|adopted|issued"),
    "open": (r"开盘|开业|开通|启动", r"launch|open"),
}


def _dated(text: str, verbs: str, english: str | None = None) -> set[str]:
    """Years tied to one of ``verbs``: "2003年11月并入", "merged into … in 2008"."""
    # (not "09年跟合并前比": a year compared with the event)
    zh = rf"((?:19|20)\d\d)\s*年[^，。；,;？?跟比与和较]{{0,12}}?(?:{verbs})"
    # (or who did it in between: "2003年由科技部和上海市政府联合组建", "1993年12月，由…共同组建")
    by = (rf"((?:19|20)\d\d)\s*年(?:\s*\d{{1,2}}\s*月(?:\s*\d{{1,2}}\s*日)?)?[，,]?\s*由[^，。；,;？?]{{2,30}}?"
          rf"(?:{verbs})")
    after = rf"(?:{verbs})于\s*((?:19|20)\d\d)\s*年"  # (or after it: "成立于2007年7月")
    # (or a full date first: "2015年5月25日，上海十届市委八次全会专题审议并通过")
    dated = rf"((?:19|20)\d\d)\s*年\s*\d{{1,2}}\s*月(?:\s*\d{{1,2}}\s*日)?[，,][^，。；,;？?]{{0,20}}?(?:{verbs})"
    found = {m.group(1) for pattern in (zh, by, after, dated) for m in re.finditer(pattern, text)}
    if english:  # ("adopted in May 2014")
        found |= {m.group(1) for m in re.finditer(
            rf"\b(?:{english})\w*\b[^,.;?]{{0,80}}?\b(?:in|since)\s+(?:[A-Z][a-z]+\s+)?((?:19|20)\d\d)\b", text, re.I)}
    return found


def dates_an_event(question: str) -> bool:
    return any(_dated(question, verbs, english) for verbs, english in _EVENTS.values())


def event_year_off(question: str, quotes: list[str]) -> list[str]:
    """Years a question ties to an event ("在2008年并入…之后") that the quotes tie to another year
    of the same event ("2003年合并前"), and never to the one stated."""
    wrong: list[str] = []
    for verbs, english in _EVENTS.values():
        stated = _dated(question, verbs, english)
        paper = set().union(*(_dated(q, verbs) for q in quotes)) if quotes else set()
        if stated and paper and not stated & paper:
            wrong += sorted(stated)
    return wrong
