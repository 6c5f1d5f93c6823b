"""What a question takes for granted that its evidence contradicts, beyond stated figures
(those are checked against the quotes in ``extractive``): a share ("一大半都是民营的吧" —
"仅33家，占30.8%"), a change's direction ("为什么下降了？" — "增加1.34%"), a rank ("是全国第一吧" —
"位居全国第二"), a place ("南南所在浦东张江吧" — "落户杨浦区"), a body the sources never
name ("并进了上海证券交易所" — "并入上海联合产权交易所") and the year of an event dated in
passing ("2008年并入…之后" — "2003年11月并入"). Each found contradiction is
named by the evidence's own words, so the reply can refuse the question as asked and say what
the sources do say. Stated figures missing from the quotes are found in ``extractive``; a figure
the quotes hold only as something else, here (``stated_otherwise``)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

from .analysis import DISTRICTS, Query, analyse, glossary, zh_number
from .evidence import first_year

# taken for granted: checked ("…吧？"), presupposed ("Given that…", "既然…", "已经是…"), or explained ("为什么…")
_PRESUMES = re.compile(
    r"^\s*(given that|since|as)\b|既然|听说|据说|已经是|已经(超过|达到|突破)|\bI('ve)? (heard|read)\b", re.I
)
_SHARE_MOST = re.compile(r"一大半|大半|大部分|大多数|多数|过半|超过一半|一半以上|\b(most of|the majority|a majority|"
                         r"more than half|over half)\b", re.I)
_SHARE_ALL = re.compile(r"全部|都是|\b(all|every)\b", re.I)
_SHARE_HALF = re.compile(r"一半|\b(about|around|roughly|only|nearly) half\b", re.I)
_SHARE_TENTHS = re.compile(r"([一二两三四五六七八九])\s*成(?![交立果功为本])")  # 三成 = about 30%
_TENTHS = "一二三四五六七八九"
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*[%％]")
_FIRST = re.compile(r"第一|第1(?!\d)|首位|最高|领先全国|\b(first|highest|tops?|topped|number one|leading|leads|"
                    r"ahead of (all|every))\b", re.I)
_RANK_FIRST = re.compile(r"(排名|排|位居|位列|名列)(全国|国内|全球)?第一|(全国|国内)第一|"
                         r"\b(rank(ed|ing|s)?|placed|placing) (first|1st|number one|top)\b", re.I)
_RANK = re.compile(r"(?:排名|位居|位列|排在|名列)+(?:全国|国内|全球)?第([一二三四五六七八九十\d]+)")
_BODY = re.compile(r"[\u4e00-\u9fff]{2,8}?(交易所|交易中心|委员会|党委|集团|研究院|大学)")
_SAME_KIND = {"交易中心": "交易所"}  # an exchange either way
_NOT_BUT = re.compile(
    r"是([\u4e00-\u9fff]{2,10}?)[、，,]?\s*而(?:不是|非)([\u4e00-\u9fff]{2,10}?)"
    r"(?=牵头|组建|主导|发起|成立|批准|[和与跟，,。？?])"
)
# a region set against the one the evidence names ("47家珠三角地方政府" — "47家长三角地区地方政府")
_REGIONS = {"长三角": "长三角|长江三角洲|yangtze (?:river )?delta", "珠三角": "珠三角|珠江三角洲|pearl river delta",
            "京津冀": "京津冀|beijing-tianjin-hebei", "环渤海": "环渤海|bohai", "中西部": "中西部"}
_REGION = re.compile("|".join(f"(?P<r{i}>{p})" for i, p in enumerate(_REGIONS.values())), re.I)
# who did it — founded ("由…共同组建") or issued ("2016年4月上海海关推出…"): a body the evidence does not name
_FOUNDER_Q = re.compile(r"牵头|发起|主导|组建|创办|创建|筹建|设立|建立|\b(co-?found(ed)?|found(ed)?|set up|established|"
                        r"team(ed)? up|(jointly )?created)\b", re.I)
_ISSUER_Q = re.compile(r"推出|发布|出台|印发|颁布|\b(issued|released|launched|introduced)\b", re.I)
_BODY_KINDS = "银行|组织|基金会|协会|商会|政府|部|署|局|委|海关|交易所|交易中心|大学|研究院"
# (中国科学院: its kind is its core; a park or zone may co-host: "张江高科技园区")
_ORG = re.compile(rf"[\u4e00-\u9fff]{{2,8}}({_BODY_KINDS}|科学院|园区|开发区)$")
# what tells a body apart is neither the city or country before it nor its kind after it
_PLACE_OF_BODY = re.compile(r"^(?:上海市?|国家|中国|我国|全国)")
_KIND_OF_BODY = re.compile(rf"(?:人民)?(?:{_BODY_KINDS})$")
_FOUNDED_BY = re.compile(r"由[^，。；]{2,40}?(?:共同)?(?:组建|发起|成立|创办|筹建|批准)|"
                         # "是…研究院在…领域建立的"
                         r"是[^，。；是]{2,24}?在[^，。；]{0,20}?(?:建立|设立|成立|组建|创办)的")
# who did it, in English: "set up by Fudan University", "the Shanghai Municipal Commission of Commerce
# launched", "X's market-intermediary committee and Zhangjiang Hi-Tech Park co-hosted"
_EN_VERB = (r"(?:co-?)?(?:found(?:ed)?|set up|established|created|launched|issued|released|introduced|rolled out|"
            r"hosted|held|organi[sz]ed)")
_EN_WORDS = r"[A-Z][\w'-]*(?:\s+(?:of|for|and|the|[A-Z][\w'-]*|[a-z]+-[a-z-]+|committee|commission|council))*"
_EN_ACTOR = re.compile(rf"\b({_EN_VERB}) by (?:the )?({_EN_WORDS})|({_EN_WORDS})\s+(?:jointly\s+)?({_EN_VERB})\b")
# (one body ends where its kind does: "…committee and Zhangjiang Hi-Tech Park"; not "Science and Technology")
_EN_BODY_END = re.compile(r"\b(committee|commission|council|ministry|bureau|society|government|university|park|"
                          r"customs|exchange|centre|center|zone|bank)(?:'s)? and (?:the )?", re.I)
_EN_PLACE = {"上海", "市", "国家", "国家级", "中国", "全国"}  # (names no body)
# who held it ("是上海市科委主办的吧" — "上海市经济学会市场中介专委会与漕河泾…在…联合举办",
# "（科技部和上海市政府联合举办）")
_HOST_Q = re.compile(r"主办|举办|承办|\b(organi[sz]ed|hosted|held by|co-hosted)\b", re.I)
_HOSTED_BY = re.compile(r"(?:，|,|日|^)\s*([\u4e00-\u9fff、与和]{2,40}?)(?:在[^，。；（]{2,24}?)?"
                        r"(?:联合|共同)?(?:举办|主办)|"
                        r"（([^（）]{2,30}?)(?:联合|共同)?(?:举办|主办)）")
_LEADING = re.compile(r"^(?:后来|然后|随后|之后|当时|那|又|再|还|并|也|就|都)+")  # "后来海关推出…" is 海关's
_ISSUED_BY = re.compile(r"(?:月|日|，|,|^)\s*([\u4e00-\u9fff]{2,12}?)(?:推出|发布|出台|印发|颁布)")


def _en_actor_off(q: Query, verbs: re.Pattern[str], said: str, quotes: str) -> bool:
    """Does the question name in English, as who did it, a body other than ``said``? Either no word
    of it is in ``said`` and one is a word the sources never use ("Commission of Commerce" — 上海海关),
    or one of the bodies it lists is known under a name no quote has (Zhangjiang — 漕河泾)."""
    def words(text: str) -> list[str]:
        return [w.removesuffix("'s") for w in text.lower().split()]

    def zh(w: str) -> set[str]:  # ("institutes" — 研究院)
        return set(glossary().get(w) or glossary().get(w.removesuffix("s"), ())) - _EN_PLACE

    def present(ws: list[str], where: str = said) -> bool:
        return any(z in where for w in ws for z in zh(w))

    for m in _EN_ACTOR.finditer(q.text):
        verb, actor = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        if not verbs.search(verb):
            continue
        if not present(ws := words(actor)) and any(w in q.unknown_en for w in ws):
            return True
        for body in _EN_BODY_END.sub(r"\1|", actor).split("|"):
            ws = words(body)
            if any(zh(w) for w in ws) and not present(ws, quotes):
                return True
    return False


def _names_other(org: tuple[str, ...], said: str) -> bool:
    """Does ``said`` (who founded or issued it) leave out the body ``org`` names? A body is there
    under another wording when nearly all the characters of its core are ("上海市政府" —
    "上海市人民政府", "联合国开发计划署" — "联合国计划发展署"); "教育部" against "国家科技部" is
    another body. A name with no core ("上海市政府" → "") is too generic to tell."""
    cores = [_core(a) for a in org]
    if not all(cores):
        return False
    return not any(sum(c in said for c in core) >= 0.75 * len(core) for core in cores)


def _core(org: str) -> str:
    """"上海技术产权交易所" → 技术产权, "教育部" → 教育, "上海市政府" → ""."""
    return _KIND_OF_BODY.sub("", _PLACE_OF_BODY.sub("", org))
# a change stated against a base year ("比2009年增长了73.7%"), read against the quote's for that year
_CHANGE_ON = re.compile(r"比\s*((?:19|20)\d\d)\s*年(?:增长|增加|提高|上升|下降|减少|降低)了?\s*(\d+(?:\.\d+)?)\s*[%％]")
# "全国第二家…联盟" against the quote's "首家…联盟": an order of founding stated otherwise
_NTH = re.compile(r"第([二两三四五六七八九十]|[2-9])(家|个|批|所)")
_FIRST_OF = re.compile(r"(?:首|第一)(家|个|批|所)")
# a “quoted” name dated by the question ("2015年…主题是“协同创新，共享机遇”") that the quotes give another year
_QUOTED = re.compile(r"[“\"]([^”\"]{2,30})[”\"]")
# a plenary session of a named body ("十届市委八次全会"): its numbers, as ints
_SESSION = re.compile(r"(?:([一二三四五六七八九十\d]+)届市委)?([一二三四五六七八九十\d]+)(次全会|中全会)")


def _session(m: re.Match[str]) -> tuple[int | None, int | None]:
    def n(x: str | None) -> int | None:
        return None if x is None else int(x) if x.isdigit() else zh_number(x)
    return n(m.group(1)), n(m.group(2))


def _session_off(q: Query, quotes: list[str]) -> list[str]:
    """"十届市委七次全会" where the quotes hold 八次全会 (the term checked only when the question gives it)."""
    off = []
    for m in _SESSION.finditer(q.text):
        term, nth = _session(m)
        said = [s for text in quotes for s in _SESSION.finditer(text) if s.group(3) == m.group(3)]
        if said and not any(_session(s)[1] == nth and term in (None, _session(s)[0]) for s in said):
            off.append(said[0].group(0))
    return off


# how far a goal is reached by a year: "2030年全面建成" against the quote's "2030年：…基本建成"
_DEGREE = re.compile(r"(基本|全面|初步)(建成|形成|实现)")
# a kind set against the quote's of the same thing ("内生型发展阶段" for 2030 — "称为混合型发展阶段")
_KIND = re.compile(r"([\u4e00-\u9fff]{2,4}?)(?<!类)型的?(发展阶段|阶段|经济|产业)")  # (not "什么类型的")
# a change's direction: "why did it drop?" against "增加1.34%"
_DOWN_Q = re.compile(r"下降|下滑|减少|降低|萎缩|缩水|缩减|削减|缩小|收缩|跌|少了|变少|"
                     r"\b(drop(ped)?|f[ae]ll|fallen|declined?|decrease[ds]?|shr[iau]nks?|plunged?|plummet(ed)?|slump(ed)?|"
                     r"tumbled?|sank|sink)\b", re.I)
_UP_Q = re.compile(r"上升|增长|增加|提高|上涨|涨|"
                   r"\b(r[io]se|risen|grow|grew|grown|increase[ds]?|jump(ed)?|climb(ed)?|soar(ed)?|surged?)\b", re.I)
_FALLS, _RISES = "下降|减少|降低|下滑", "增加|增长|提高|上升"
# (or a size moving without a percent: "规模进一步扩大…增至25亿元")
_DOWN = re.compile(rf"({_FALLS})\s*[\d.]+\s*[%％]|缩小|降至|减少到|下降到")
_UP = re.compile(rf"({_RISES})\s*[\d.]+\s*[%％]|扩大|增至|增加到|提高[至到]")
# a change against a base ("都超过了2003年合并前的水平", "与合并前相比…增长了", "并入后…都明显上升了")
# where the quotes move the other way from the same base ("与2003年合并前相比…则分别下降")
_BASE = r"(?:19|20)\d\d\s*年|合并前|并入前"
_ON_BASE = re.compile(rf"(?:比|与|较)\s*([^，。；？?]{{0,12}}?(?:{_BASE})[^，。；？?]{{0,6}}?)(?:相比|相较)?"
                      rf"[^。；？?]{{0,16}}?({_FALLS}|{_RISES}|超过|高于|低于)")
_OVER_BASE = re.compile(rf"(超过|高于|低于|不及|少于)了?\s*([^，。；？?]{{0,12}}?(?:{_BASE}))")
_AFTER_MERGE = re.compile(rf"(?:合并|并入)[^，。；？?]{{0,20}}?后[^。；？?]{{0,30}}?({_FALLS}|{_RISES}|上涨|下滑)")


def _changes_on_base(text: str, question: bool) -> list[tuple[set[str], bool, str]]:
    """(the base's years and "合并前", rose?, the words) for each change against a base."""
    def keys(base: str) -> set[str]:
        return set(re.findall(r"(?:19|20)\d\d", base)) | ({"合并前"} if re.search("合并前|并入前", base) else set())

    def rose(word: str) -> bool:
        return bool(re.fullmatch(rf"{_RISES}|超过|高于|上涨", word))

    found = [(keys(m.group(0)), rose(m.group(2)), m.group(0)) for m in _ON_BASE.finditer(text)]
    if question:
        found += [(keys(m.group(2)), rose(m.group(1)), m.group(0)) for m in _OVER_BASE.finditer(text)]
        found += [({"合并前"}, rose(m.group(1)), m.group(0)) for m in _AFTER_MERGE.finditer(text)]
    return found


def _moved_otherwise(q: Query, quotes: list[str]) -> list[str]:
    said = [c for text in quotes for c in _changes_on_base(text, question=False)]
    off = []
    for base, up, _words in _changes_on_base(q.text, question=True):
        same = [(went, words) for b, went, words in said if base & b]
        if same and all(went != up for went, _ in same):
            off.append(same[0][1])
    return off


# "逐期递增，每一期都比上一期多" against a series that falls somewhere ("第3期10.38亿元、第4期8.46亿元")
_EVERY_UP = re.compile(r"逐(?:期|年|步)(?:递增|增加|增长|扩大|上升)|每一?(?:期|年)都比上一?(?:期|年)(?:多|高|大)|"
                       r"一(?:期|年)比一(?:期|年)(?:多|高|大)|"
                       r"\b(?:gr[eo]wn?|r[io]sen?|increased?|got bigger) (?:every|each) (?:year|tranche|round|phase)|"
                       r"(?:every|each) (?:tranche|round|phase|year) (?:was )?"
                       r"(?:larger|bigger|higher) than the (?:last|previous|one before)", re.I)
_EVERY_DOWN = re.compile(r"逐(?:期|年|步)(?:递减|减少|下降|缩小)|每一?(?:期|年)都比上一?(?:期|年)(?:少|低|小)", re.I)
_HEDGED = re.compile(r"大体|大致|总体|基本上|但|反而|除了|\b(mostly|generally|except|but)\b", re.I)  # (claims no rule)
_SERIES_ITEM = re.compile(r"第\s*(\d+)\s*期\s*(\d+(?:\.\d+)?)|"
                          r"((?:19|20)\d\d)\s*年(?:为|是)?\s*(\d+(?:\.\d+)?)(?![\d.年])")


def _series_breaks(q: Query, quotes: list[str]) -> list[str]:
    up, down = _EVERY_UP.search(q.text), _EVERY_DOWN.search(q.text)
    if bool(up) == bool(down) or _HEDGED.search(q.text):
        return []
    for text in quotes:
        items = [m for m in _SERIES_ITEM.finditer(text)]
        series = sorted((int(m.group(1) or m.group(3)), float(m.group(2) or m.group(4)), m.group(0)) for m in items)
        if len(series) < 3:  # (a series, not one change)
            continue
        for (_, a, said_a), (_, b, said_b) in itertools.pairwise(series):
            if (b < a) if up else (b > a):
                return [f"{said_a}、{said_b}"]
    return []


# Shanghai's districts and zones, as a question may place a body in the wrong one
_DISTRICTS = {**DISTRICTS, "张江": "zhangjiang", "漕河泾": "caohejing", "临港": "lingang", "紫竹": "zizhu"}
_DISTRICT = re.compile("|".join(f"({zh}|\\b{en}\\b)" for zh, en in _DISTRICTS.items()), re.I)
_SELF_PLACE = re.compile(  # "我们在闵行", "We're based in Minhang": where the asker is
    rf"(?:我们|我司|咱们?|本公司|我)(?:公司|团队)?(?:就|也|目前|现在)?(?:在|位于)(?:上海市?)?(?:{'|'.join(_DISTRICTS)})|"
    rf"\b(?:we're|we are|i'm|i am|our \w+ is)(?: based| located)? in (?:{'|'.join(_DISTRICTS.values())})\b",
    re.I,
)
# where the evidence itself places a body: "落户杨浦区创智天地", "杨浦区政府共同筹建"
_PLACED = re.compile(rf"(?:落户|位于|设在|坐落|地处|落地)[于在]?(?:上海市?)?(?:{'|'.join(_DISTRICTS)})|"
                     rf"(?:{'|'.join(_DISTRICTS)})区政府")
# products of one family, which a question may credit with what a sibling did ("创投贷引进了保险公司" —
# "微贷通引进保险公司")
_SIBLINGS = (re.compile(r"履约贷|微贷通|创投贷"),)


def _swapped(q: Query, quote: str) -> str | None:
    """The part of ``quote`` that says what the question credits to one product of a family, when
    that part is another product's: a clause naming a product starts its part ("微贷通引进保险公司，
    简化流程，…12家银行…参与合作" is all 微贷通's). A plain ask is read the same way: "创投贷有几家银行
    参与？" would otherwise be answered with 微贷通's banks."""
    for family in _SIBLINGS:
        named = {f for t in q.terms for a in t.alts for f in family.findall(a)}
        if len(named) != 1:
            continue
        words = [t for t in q.terms if not t.anchor and not family.search(t.alts[0])]
        parts: list[tuple[set[str], str]] = []
        for clause in re.split(r"(?<=[，,；;。])", quote):
            if (names := set(family.findall(clause))) or not parts:
                parts.append((names, clause))
            else:
                parts[-1] = (parts[-1][0], parts[-1][1] + clause)
        hits = [sum(any(a in text for a in t.alts) for t in words) for _, text in parts]
        best = max(range(len(parts)), key=lambda i: hits[i])
        theirs = [h for (names, _), h in zip(parts, hits, strict=True) if named & names]
        if parts[best][0] and not named & parts[best][0] and hits[best] >= 2 and all(h < hits[best] for h in theirs):
            return parts[best][1].strip("，,；; ")
    return None


_FIGURE_IN_YEAR = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(?:\s+[a-z\-]+){0,2}\s+in\s+((?:19|20)\d\d)\b", re.I)
_YEAR_THEN_FIGURE = re.compile(r"((?:19|20)\d\d)\s*年[^，,。；？?\d]{0,8}?(?<![\d.])(\d+(?:\.\d+)?)(?![\d.年])")
_SPAN = re.compile(r"(?<![\d.])(\d{1,3})\s*(years|months|weeks|个月|年(?![\d底初末]))", re.I)
_SPAN_ZH = {"years": "年", "年": "年", "months": "个月", "个月": "个月", "weeks": "周"}
_EN_COUNTED = re.compile(
    r"(?<![\d.])(\d+)\s+(?:([a-z\-]+)\s+)?(teams|enterprises|companies|firms|banks|universities|members|"
    r"organi[sz]ations|institutions)\b", re.I
)
_WITH_UNIT = re.compile(r"(\d+(?:\.\d+)?)\s*(亿|万|%|％|家|项|场|宗)")
_ZH_COUNTED = re.compile(r"(?<![\d.])(\d+)\s*[家个所项]([\u4e00-\u9fff]{3,8})")  # "62家科技企业孵化器"


def _counts_of(noun: str, quotes: str) -> set[str]:
    """The figures the quotes give for ``noun`` ("科技企业孵化器42家", "90家科技创业苗圃"), read
    by its longest start the quotes use."""
    for k in range(len(noun), 2, -1):
        head = re.escape(noun[:k])
        found = re.findall(rf"{head}\s*(\d+)\s*[家个所项]|(?<![\d.])(\d+)\s*[家个所项]{head}", quotes)
        if found:
            return {a or b for a, b in found}
    return set()


# a share stated as a fraction ("one-third", "三分之一", "1/3"), as the sources write it
_FRACTION = re.compile(r"(?<![\d/])([1-9])\s*/\s*([1-9])(?![\d/])|([二三四五])分之一|"
                       r"\b(?:one|a)[- ](third|quarter|fourth|fifth)\b", re.I)
_DENOMINATOR = {"二": "2", "三": "3", "四": "4", "五": "5", "third": "3", "quarter": "4", "fourth": "4", "fifth": "5"}


def _fractions(text: str) -> set[str]:
    return {f"{m.group(1)}/{m.group(2)}" if m.group(1) else f"1/{_DENOMINATOR[(m.group(3) or m.group(4)).lower()]}"
            for m in _FRACTION.finditer(text)}


def _share_of_part(q: Query, quotes: str) -> list[str]:
    """A share the quotes give only for a part ("…近370家，占全国约1/4，其中来自世界500强企业的研发
    中心占比更是达全国1/3") stated for the whole: the question names nothing of the part."""
    off = []
    for f in _fractions(q.text):
        a, b = f.split("/")
        # (read in the question's sentence that states it: a later sentence may ask about the part itself)
        stated = next((x for x in re.split(r"(?<=[.?!。？！；;])\s*", q.text) if f in _fractions(x)), q.text)
        parts = [m.group(1) for m in re.finditer(rf"其中([^。；;]*?)(?<![\d/]){a}\s*/\s*{b}(?![\d/])", quotes)]
        anywhere = re.findall(rf"(?<![\d/]){a}\s*/\s*{b}(?![\d/])", quotes)
        if not parts or len(parts) != len(anywhere):
            continue
        whole = quotes.split("其中")[0]  # (a word the whole's clause has names nothing of the part)
        words = [w for t in analyse(stated, set()).terms for w in t.alts if len(w) >= 2 and w not in whole]
        named = [n for part in parts for n in re.findall(r"\d+", part) if n in stated]
        named += [w for part in parts for w in words if w in part]
        if not named:
            off.append(f)
    return off


# who owns what a figure counts ("国有孵化器只有33家" — "民营孵化器仅33家")
_OWNER = {"国有": "state", "国营": "state", "公办": "state", "民营": "private", "私营": "private", "民办": "private",
          "外资": "foreign"}
_OWNED = "|".join(_OWNER)


def _owned_otherwise(q: Query, quotes: str) -> list[str]:
    off = []
    for f in q.figures:
        figure = rf"[^，,。；？?\d]{{0,10}}?(?<![\d.]){re.escape(f)}(?![\d.])"
        asked = {_OWNER[m.group(1)] for m in re.finditer(rf"({_OWNED}){figure}", q.text)}
        said = {_OWNER[m.group(1)] for m in re.finditer(rf"({_OWNED}){figure}", quotes)}
        if asked and said and not asked & said:
            off.append(f)
    return off


# a tranche the question names, in either language ("第6期", "the 6th tranche", "tranche 6")
_TRANCHE = r"第\s*(\d+)\s*期|\b(\d+)(?:st|nd|rd|th) (?:tranche|round|phase)\b|\b(?:tranche|round|phase) (\d+)\b"


def stated_otherwise(q: Query, quoted: list[str]) -> list[str]:
    """Figures the question states that its quotes contain only as something else: "缩小到了5亿元"
    (the quote's 5 is "第5期"), "after running for five years" ("仅仅实践了一年"), "139 in 2014"
    (139 is 2015's), "第6期缩水到8.46亿元" (8.46亿元 is 第4期's)."""
    quotes = " ".join(quoted)
    off = [m.group(1) for m in _WITH_UNIT.finditer(q.text) if m.group(1) in q.figures and not re.search(
        rf"(?<![\d.]){re.escape(m.group(1))}\s*{re.escape(m.group(2))}", quotes)]
    # "1790 start-up teams": the quote's 1790 counts enterprises ("1790家企业、14个创业团队")
    # ("134 member organisations": the word before the noun, when it names one, tells them apart —
    # "134家各类创新创业服务机构" are organisations, not members, "57家联盟会员" are)
    for m in _EN_COUNTED.finditer(q.text):
        bound = re.search(rf"(?<![\d.]){m.group(1)}\s*[家个项名所位]?([\u4e00-\u9fff]{{2,10}})", quotes)
        nouns = glossary().get((m.group(2) or "").lower(), ()) or glossary().get(m.group(3).lower(), ())
        if bound and nouns and m.group(1) in q.figures and not any(n in bound.group(1) for n in nouns) and any(
                n in quotes for n in nouns) and m.group(1) not in off:
            off.append(m.group(1))
    # "新增了62家科技企业孵化器": the quote counts them otherwise ("科技企业孵化器42家，新型孵化器62家")
    for m in _ZH_COUNTED.finditer(q.text):
        counts = _counts_of(m.group(2), quotes)
        if m.group(1) in q.figures and counts and m.group(1) not in counts and m.group(1) not in off:
            off.append(m.group(1))
    # "after running for 5 years" (five years): a span the quote gives otherwise ("仅仅实践了一年")
    off += [m.group(1) for m in _SPAN.finditer(q.text) if m.group(1) in q.figures and m.group(1) not in off
            and not re.search(rf"(?<![\d.]){m.group(1)}\s*{_SPAN_ZH[m.group(2).lower()]}", quotes)]
    # "fell from 139 in 2014 to 107…": the quote's 139 is 2015's
    pairs = [(m.group(1), m.group(2)) for m in _FIGURE_IN_YEAR.finditer(q.text)]
    pairs += [(m.group(2), m.group(1)) for m in _YEAR_THEN_FIGURE.finditer(q.text)]
    for f, year in pairs:
        said = [x for x in re.split(r"[。；;]", quotes) if re.search(rf"(?<![\d.]){re.escape(f)}(?![\d.])", x)]
        if f in q.figures and said and all(first_year(x) and year not in x for x in said) and f not in off:
            off.append(f)
    # "第6期缩水到8.46亿元": in the quote 8.46亿元 is 第4期's (the figure's own 第N期 when the question
    # names several: "第2期就已经到了10.38亿元，后面第6期…" — 10.38 is 第3期's)
    asked = {m.group(m.lastindex or 0) for m in re.finditer(_TRANCHE, q.text, re.I)}
    for f in q.figures:
        own = re.search(rf"(?:{_TRANCHE})(?:[^第。；？?.]|\.(?=\d)){{0,60}}?(?<![\d.]){re.escape(f)}(?![\d.])",
                        q.text, re.I)
        tranches = {own.group(own.lastindex or 0)} if own else asked if len(asked) == 1 else set()
        listed = re.search(rf"第\s*(\d+)\s*期[^第，。；]{{0,6}}?(?<![\d.]){re.escape(f)}(?![\d.])", quotes)
        if tranches and listed and listed.group(1) not in tranches and f not in off:
            off.append(f)
    return off + [f for f in [*_share_of_part(q, quotes), *_owned_otherwise(q, quotes)] if f not in off]


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
    # "并进了上海证券交易所": a body the sources never name, where they name another of its kind
    for t in q.terms:
        kind = _BODY.search(t.alts[0]) if t.source in ("zh", "glossary") and not known(t.alts[0]) else None
        other = kind and next((m.group(0) for text in (*quotes, *nearby) for m in _BODY.finditer(text)
                               if _SAME_KIND.get(m.group(1), m.group(1)) == _SAME_KIND.get(kind.group(1), kind.group(1))
                               and m.group(0) != t.alts[0]), None)
        if other:
            off.append(other)
    for verbs, said_by in ((_FOUNDER_Q, _FOUNDED_BY), (_ISSUER_Q, _ISSUED_BY), (_HOST_Q, _HOSTED_BY)):
        home, said = next(((text, m.group(0)) for text in quotes if (m := said_by.search(text))), ("", None))
        orgs = [t.alts for t in q.terms if t.source in ("zh", "glossary") and _ORG.search(t.alts[0])]
        # (jieba splits some bodies: "上海市商务委" is 上海市 / 商务 / 委; read the question's own wording)
        stated = list(said_by.finditer(q.text))
        own = [_LEADING.sub("", o) for m in stated if said_by.groups
               for o in re.split(r"[与和、及]", m.group(m.lastindex or 0))]  # (each of "A与B联合举办")
        orgs += [(o,) for o in own if _ORG.search(o)]
        # (a body the quotes name as written is theirs — often the one founded: "…组建了联合国南南全球…交易所";
        # unless the question names it as the one who did it, "由国家教育部和…共同组建", and the quote that
        # says who did it does not)
        claimed = " ".join(m.group(0) for m in stated)
        orgs = [org for org in orgs
                if org[0] not in home and (org[0] in claimed or not any(org[0] in t for t in quotes))]
        unknown = said is not None and _en_actor_off(q, verbs, said, " ".join(quotes))
        if said and verbs.search(q.text) and (unknown or any(_names_other(org, said) for org in orgs)):
            off.append(said)
            break
    # "《…金融…实施意见》是…那份“22条”吧" — "《关于加快建设…的意见》（简称“22条”）": another document's short name
    # (the two in one statement: "“22条”是哪天通过的？…《实施意见》又是哪天出台的？" names two documents)
    for title, short in re.findall(r"《([^》]{2,60})》[^？?。；;《]{0,40}?[“\"]([^”\"]{2,30})[”\"]", q.text):
        called = re.compile(rf"《([^》]{{2,60}})》\s*[（(]简称[“\"]{re.escape(short)}")
        full = next((m for text in quotes if (m := called.search(text))), None)
        if full and full.group(1) != title:
            off.append(full.group(0))
    if said := _swapped(q, quote):
        off.append(said)
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
    for name in _QUOTED.findall(q.text) if len(q.years) == 1 else []:
        sentences = [x for text in quotes for x in re.split(r"(?<=[。；;])", text)]
        named = [x for x in sentences if name in x]
        other = next((x for x in sentences if q.years[0] in x and name not in x and _QUOTED.search(x)), None)
        if named and other and all(first_year(x) not in (None, q.years[0]) for x in named):
            off.append(other.strip())
    degrees = _DEGREE.findall(q.text)  # (two of them: "哪年基本建成、哪年全面建成" asks, claims nothing)
    for degree, verb in degrees if len({d for d, _ in degrees}) == 1 else []:
        # (read in the quotes of the year it is set on: "2030年…全面建成…，那2040年…" — not 2040's 全面建成)
        year = re.search(rf"((?:19|20)\d\d)\s*年[^，。；？?]{{0,20}}?{degree}{verb}", q.text)
        texts = [text for text in quotes if year and year.group(1) in text] or quotes
        said = next((m.group(0) for text in texts for m in _DEGREE.finditer(text) if m.group(2) == verb
                     and m.group(1) != degree), None)
        if said and not any(degree + verb in text for text in texts):
            off.append(said)
    off += _session_off(q, quotes)
    asked_regions = {m.lastgroup for m in _REGION.finditer(q.text)}
    if asked_regions and (region := _REGION.search(quote)) and region.lastgroup not in asked_regions:
        off.append(region.group(0))
    for year, pct in _CHANGE_ON.findall(q.text):
        rates = [m for text in quotes for m in _CHANGE_ON.finditer(text) if m.group(1) == year]
        if rates and not any(m.group(2) == pct for m in rates):
            off += [m.group(0) for m in rates]
    # "为什么是教育部、而不是科技部牵头？": the evidence names the one the question sets aside
    if (m := _NOT_BUT.search(q.text)) and m.group(2) in " ".join(quotes) and m.group(1) not in " ".join(quotes):
        off.append(m.group(2))
    if presumes(q):
        shares = [float(p) for p in _PERCENT.findall(quote)]
        if (claim := _share(q, quote)) and len(shares) == 1 and not claim[0] <= shares[0] <= claim[1]:
            off.append(f"{shares[0]:g}%")
        up, down = _UP.search(quote), _DOWN.search(quote)
        if _DOWN_Q.search(q.text) and not _UP_Q.search(q.text) and up and not down:
            off.append(up.group(0))
        elif _UP_Q.search(q.text) and not _DOWN_Q.search(q.text) and down and not up:
            off.append(down.group(0))
        elif (went := _UP_Q.search(q.text)) is not None or _DOWN_Q.search(q.text):
            # a stated change read against the change word that governs the same figure in
            # the quote ("rose by 81.6%" — "…下降72.4%和81.6%"), when the quote moves both ways
            for pct in _PERCENT.findall(q.text):
                m = re.search(rf"({_FALLS}|{_RISES})[^，。；,;]{{0,12}}?(?<![\d.]){re.escape(pct)}\s*[%％]", quote)
                if m and bool(went) == bool(re.fullmatch(_FALLS, m.group(1))):
                    off.append(m.group(0))
    off += _moved_otherwise(q, quotes) + _series_breaks(q, quotes)
    # a rank stated as first is taken for granted however it is asked ("全国排名第一，这对…有什么帮助？")
    claims_first = _RANK_FIRST.search(q.text) or (presumes(q) and _FIRST.search(q.text))
    if claims_first and (rank := _RANK.search(quote)) and rank.group(1) not in ("一", "1"):
        off.append(rank.group(0))
    # a district is wrong whether checked or not ("南南所在浦东哪个位置？"), unless it is the asker's own
    placed = next((m for text in quotes if (m := _PLACED.search(text))), None)
    asked = _districts(_SELF_PLACE.sub(" ", q.text)) if placed else set()
    if placed and asked and not asked & _districts(" ".join(quotes)):
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


def _districts(text: str) -> set[int]:
    """Which districts (by their place in the list) a text names, in either language."""
    return {i for m in _DISTRICT.finditer(text) for i, g in enumerate(m.groups()) if g}


# Events a question may date in passing ("After X merged … in 2008, …"), as the sources word them.
_EVENTS = {
    "merge": (r"并入|合并|并到", r"merg"),
    "found": (r"成立|设立|组建|筹建|创建", r"found|set up|establish|creat"),
    "pass": (r"通过|出台|印发", r"passed|adopted|issued"),
    "open": (r"开盘|开业|开通|启动", r"launch|open"),
}


def _dated(text: str, verbs: str, english: str | None = None) -> set[str]:
    """Years tied to one of ``verbs``: "2003年11月并入", "merged into … in 2008"."""
    # (not "09年跟合并前比": a year compared with the event)
    zh = rf"((?:19|20)\d\d)\s*年[^，。；,;？?跟比与和较]{{0,12}}?(?:{verbs})"
    # (or who did it in between: "2003年由科技部和上海市政府联合组建", "1993年12月，由…共同组建")
    by = rf"((?:19|20)\d\d)\s*年(?:\s*\d{{1,2}}\s*月)?[，,]?\s*由[^，。；,;？?]{{2,30}}?(?:{verbs})"
    found = {m.group(1) for pattern in (zh, by) for m in re.finditer(pattern, text)}
    if english:
        found |= {m.group(1) for m in re.finditer(
            rf"\b(?:{english})\w*\b[^,.;?]{{0,80}}?\b(?:in|since)\s+((?:19|20)\d\d)\b", text, re.I)}
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
