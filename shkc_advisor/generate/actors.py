"""Who did it, as a question may get it wrong: a body the sources never name where they name
another of its kind ("并进了上海证券交易所" — "并入上海联合产权交易所"), a founder, issuer or host
other than the one the evidence names (in Chinese or English: "由国家教育部…组建" — "国家科技部";
"the Shanghai Municipal Commission of Commerce launched" — "上海海关推出"), a document given another's
short name, and a loan product credited with what a sibling did. ``premise.contradicted`` calls
``named_otherwise``; each finding is named by the evidence's own words."""

from __future__ import annotations

import re
from collections.abc import Callable

from .analysis import Query, glossary

_BODY = re.compile(r"[\u4e00-\u9fff]{2,8}?(交易所|交易中心|委员会|党委|集团|研究院|大学)")
_SAME_KIND = {"交易中心": "交易所"}  # an exchange either way
_NAMED_KINDS = "论坛|峰会|博览会|交易会|活动周|研讨会|有限公司"
_POINTER = re.compile(r"^[那这该本此每上下首前后哪其当]|[届次场期回]$")
# who did it — founded ("由…共同组建") or issued ("2016年4月上海海关推出…"): a body the evidence does not name
_FOUNDER_Q = re.compile(r"牵头|发起|主导|组建|创办|创建|筹建|设立|建立|合办|合建|(?:一起|联合|共同)(?:办|建|搞)|"
                        r"是[^，。？?]{2,12}?(?:成立|办|建)的|"  # ("是复旦大学成立的技术转移机构")
                        r"(?:大学|学院|研究院|研究所|政府|公司)(?:牵头|自己)?办的|"  # ("复旦大学办的盛知华")
                        r"\b(co-?found(ed)?|found(ed)?|set up|established|"
                        r"team(ed)? up|(jointly )?created)\b", re.I)
_ISSUER_Q = re.compile(r"推出|发布|出台|印发|颁布|\b(issued|released|launched|introduced)\b", re.I)
_BODY_KINDS = "银行|组织|基金会|协会|商会|政府|部|署|局|委|海关|交易所|交易中心|大学|研究院"
# (中国科学院: its kind is its core; a park or zone may co-host: "张江高科技园区")
_ORG = re.compile(rf"[\u4e00-\u9fff]{{2,8}}({_BODY_KINDS}|科学院|园区|开发区|常委会|全会)$")
# what tells a body apart is neither the city or country before it nor its kind after it
_PLACE_OF_BODY = re.compile(r"^(?:上海市?|国家|中国|我国|全国)")
_KIND_OF_BODY = re.compile(rf"(?:人民)?(?:{_BODY_KINDS})$")
# one body alone ("是教育部一家单独牵头建的吧") where the quote names several who did it together
_ALONE = re.compile(r"单独|独自|独家|一家(?:单独|独自)?(?:牵头|主导|发起|创办|办|建)|"
                    r"\b(?:alone|solely|single-handedly|on its own)\b", re.I)
_TOGETHER = re.compile(r"共同|联合|合办|合建|[、和与及]")
_FOUNDED_BY = re.compile(r"由[^，。；]{2,40}?(?:共同)?(?:组建|发起|成立|创办|筹建|批准|合办|一起办|联合办)|"
                         # "是…研究院在…领域建立的", "是国家科技部和教育部在2010年共同筹建的"
                         r"是[^，。；是]{2,24}?在[^，。；]{0,20}?(?:建立|设立|成立|组建|创办|筹建)的|"
                         # "，上海市科委、教委和杨浦区政府共同筹建成立了…"
                         # (a question's "1993年教育部和上海市政府合办了…")
                         # (or "是科技部和上海市政府联合组建的")
                         r"(?:^|[，,]|日|年|是)\s*[\u4e00-\u9fff、与和]{2,40}?(?:(?:共同|联合)(?:组建|筹建|发起|创办)|合办|合建)")
# who did it, in English: "set up by Fudan University", "the Shanghai Municipal Commission of Commerce
# launched", "X's market-intermediary committee and Zhangjiang Hi-Tech Park co-hosted" (or where it was
# held: "co-hosted at the Zhangjiang Hi-Tech Park incubation centre")
_EN_VERB = (r"(?:co-?)?(?:found(?:ed)?|set up|established|created|launched|issued|released|introduced|rolled out|"
            r"hosted|held|organi[sz]ed)")
_EN_WORDS = r"[A-Z][\w'-]*(?:\s+(?:of|for|and|the|[A-Z][\w'-]*|[a-z]+-[a-z-]+|committee|commission|council))*"
_EN_ACTOR = re.compile(rf"\b({_EN_VERB}) (?:by|with|(?<=hosted )at|(?<=held )at|(?<=organised )at|(?<=organized )at) "
                       rf"(?:the )?({_EN_WORDS})|"
                       rf"({_EN_WORDS})\s+(?:jointly\s+)?({_EN_VERB})\b")
# (one body ends where its kind does: "…committee and Zhangjiang Hi-Tech Park"; not "Science and Technology")
_EN_BODY_END = re.compile(r"\b(committee|commission|council|ministry|bureau|society|government|university|park|"
                          r"customs|exchange|centre|center|zone|bank)(?:'s)? and (?:the )?", re.I)
_EN_PLACE = {"上海", "市", "国家", "国家级", "中国", "全国"}  # (names no body)
# who held it ("是上海市科委主办的吧" — "上海市经济学会市场中介专委会与漕河泾…在…联合举办",
# "（科技部和上海市政府联合举办）")
_HOST_Q = re.compile(r"主办|举办|承办|合办|\b(organi[sz]ed|hosted|held by|co-hosted)\b", re.I)
_HOSTED_BY = re.compile(r"(?:，|,|日|^)\s*([\u4e00-\u9fff、与和]{2,40}?)(?:在[^，。；（]{2,24}?)?"
                        r"(?:联合|共同)?(?:举办|主办)|"
                        r"（([^（）]{2,30}?)(?:联合|共同)?(?:举办|主办)）")
# who passed it ("是…上海市人大常委会审议通过的" — "上海十届市委八次全会专题审议并通过")
_PASSED_Q = re.compile(r"审议|通过")
_PASSED_BY = re.compile(r"(?:，|,|日|月|^)\s*([\u4e00-\u9fff]{2,20}?)(?:专题)?审议并?通过")
_LEADING = re.compile(r"^(?:后来|然后|随后|之后|当时|那|又|再|还|并|也|就|都)+")  # "后来海关推出…" is 海关's
_ISSUED_BY = re.compile(r"(?:月|日|，|,|^)\s*([\u4e00-\u9fff]{2,12}?)(?:推出|发布|出台|印发|颁布)")


def _en_actor_off(q: Query, verbs: re.Pattern[str], said: str, home: str) -> bool:
    """Does the question name in English, as who did it, a body other than ``said``? Either no word
    of it is in ``said`` and one is a word the sources never use ("Commission of Commerce" — 上海海关),
    or one of the bodies it lists is known under a name the quote that says who did it lacks
    (Zhangjiang — 漕河泾)."""
    def words(text: str) -> list[str]:
        return [w.removesuffix("'s") for w in text.lower().split()]

    def zh(w: str) -> set[str]:  # ("institutes" — 研究院)
        return set(glossary().get(w) or glossary().get(w.removesuffix("s"), ())) - _EN_PLACE

    def present(ws: list[str], where: str = said) -> bool:
        return any(z in where for w in [*ws, " ".join(ws)] for z in zh(w))

    for m in _EN_ACTOR.finditer(q.text):
        verb, actor = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        if not verbs.search(verb):
            continue
        if not present(ws := words(actor)) and any(w in q.unknown_en for w in ws):
            return True
        for body in _EN_BODY_END.sub(r"\1|", actor).split("|"):
            ws = words(body)
            # (a body named as a whole: "Ministry of Commerce" — 商务部, none of its words alone)
            if (whole := zh(" ".join(ws))) and not any(z in home for z in whole):
                return True
            if any(zh(w) for w in ws) and not present(ws, home):
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


ASKS_ZH = re.compile(r"哪|什么|何|几|谁|多少")  # (a clause that asks, in Chinese)


def stated_clauses(text: str) -> list[str]:
    """The clauses of ``text`` that state rather than ask ("…不引入保险公司，…对吧？" states both)."""
    return [c for c in re.split(r"[，,。；;？?！!]", text) if c and not ASKS_ZH.search(c)]


def names_body(q: Query) -> bool:
    """Does the question name a body ("上海交通大学", "国家教育部")?"""
    return any(t.source in ("zh", "glossary") and _ORG.search(t.alts[0]) for t in q.terms)


def named_otherwise(
    q: Query, quotes: list[str], known: Callable[[str], bool], nearby: tuple[str, ...]
) -> list[str]:
    """The evidence's words where the question names the wrong body, document or product."""
    off: list[str] = []
    statements = "，".join(stated_clauses(q.text))
    # "并进了上海证券交易所": a body the sources never name, where they name another of its kind
    for t in q.terms:
        kind = _BODY.search(t.alts[0]) if t.source in ("zh", "glossary") and not known(t.alts[0]) else None
        other = kind and next((m.group(0) for text in (*quotes, *nearby) for m in _BODY.finditer(text)
                               if _SAME_KIND.get(m.group(1), m.group(1)) == _SAME_KIND.get(kind.group(1), kind.group(1))
                               and m.group(0) != t.alts[0]), None)
        if other:
            off.append(other)
    # "2014年陆家嘴论坛上…", "同济技术转移有限公司": a name the sources never use before a kind (and the
    # words between) they name otherwise — "上海浦江创新论坛", "上海理工技术转移有限公司"
    # (not a pointer to one: "那届论坛", "那次活动周")
    for t in q.terms if q.lang == "zh" else []:
        name = not known(t.alts[0]) and not _POINTER.search(t.alts[0])
        kind = re.search(rf"{re.escape(t.alts[0])}([\u4e00-\u9fff]{{0,6}}?)({_NAMED_KINDS})", q.text) if name else None
        named = kind and next((m.group(0) for text in quotes for m in re.finditer(
            rf"[\u4e00-\u9fff]{{2,6}}?{kind.group(1)}{kind.group(2)}", text)), None)
        if named:
            off.append(named)
    for verbs, said_by in ((_FOUNDER_Q, _FOUNDED_BY), (_ISSUER_Q, _ISSUED_BY), (_HOST_Q, _HOSTED_BY),
                           (_PASSED_Q, _PASSED_BY)):
        home, said = next(((text, m.group(0)) for text in quotes if (m := said_by.search(text))), ("", None))
        # (a body named only where the question asks — "上海技术产权交易所是哪一年批准成立的？" — is claimed as nothing)
        orgs = [t.alts for t in q.terms if t.source in ("zh", "glossary") and _ORG.search(t.alts[0])
                and (q.lang == "en" or t.found_in(statements))]
        # (jieba splits some bodies: "上海市商务委" is 上海市 / 商务 / 委; read the question's own wording)
        stated = list(said_by.finditer(q.text))
        own = [_LEADING.sub("", o) for m in stated if said_by.groups
               for o in re.split(r"[与和、及]", m.group(m.lastindex or 0))]  # (each of "A与B联合举办")
        orgs += [(o,) for o in own if _ORG.search(o)]
        # (a body the quotes name as written is theirs — often the one founded: "…组建了联合国南南全球…交易所";
        # unless the question names it as the one who did it, "由国家教育部和…共同组建", and the quote that
        # says who did it does not)
        claimed = " ".join(m.group(0) for m in stated)
        # ("是教育部一家单独牵头建的吧": one body alone, where the quote names several who did it together)
        alone = bool(orgs and said and _ALONE.search(q.text) and _TOGETHER.search(said)
                     and not any(org[0] in said for org in orgs))
        # (named in the quote only as something else — "得到了…科技部等…的支持" — and claimed as the one who
        # did it: "是科技部和上海市政府联合组建的", not the body founded, before 是)
        founders = " ".join(re.split(r"是|由", m.group(0))[-1] for m in stated)
        orgs = [org for org in orgs
                if (org[0] not in home and (org[0] in claimed or not any(org[0] in t for t in quotes)))
                or (said is not None and org[0] in founders and org[0] not in said)]
        unknown = said is not None and _en_actor_off(q, verbs, said, home)
        if said and verbs.search(q.text) and (alone or unknown or any(_names_other(org, said) for org in orgs)):
            off.append(said)
            break
    # "《…金融…实施意见》是…那份“22条”吧" — "《关于加快建设…的意见》（简称“22条”）": another document's short name
    # (the two in one statement: "“22条”是哪天通过的？…《实施意见》又是哪天出台的？" names two documents)
    for title, short in re.findall(r"《([^》]{2,60})》[^？?。；;《]{0,40}?[“\"]([^”\"]{2,30})[”\"]", q.text):
        called = re.compile(rf"《([^》]{{2,60}})》\s*[（(]简称[“\"]{re.escape(short)}")
        full = next((m for text in quotes if (m := called.search(text))), None)
        if full and full.group(1) != title:
            off.append(full.group(0))
    if said := _swapped(q, quotes[0]):
        off.append(said)
    return off
