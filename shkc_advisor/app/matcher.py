""" "What fits my company": measure cards matched to a founder's stage and needs. Pure functions.

A card fits a stage when its ``serves`` names that stage. Cards for ``all_enterprises`` fit
every registered company (not a founder team that has not registered yet), and a Little
Giant is also an SME. A card fits the needs when its ``helps_with`` shares one of them
(no needs ticked = every card for the stage). Each match says why, with the card's own
source quote as evidence.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

# stage → (who, in English and Chinese; words that show a quote is about that stage)
STAGES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "founder_teams": (
        "founder teams (not yet registered)",
        "创业团队（尚未注册）",
        ("创业团队", "创客", "团队"),
    ),
    "startups": ("start-ups", "初创企业", ("初创", "创业", "孵化", "苗圃")),
    "smes": ("SMEs", "中小企业", ("中小", "小微", "小巨人")),
    "little_giants": ("Little Giants", "科技小巨人企业", ("小巨人", "中小")),
}
NEEDS: dict[str, tuple[str, str]] = {
    "financing": ("financing", "融资"),
    "space": ("office / incubation space", "场地与孵化"),
    "services": ("sci-tech services", "科技服务"),
    "listing": ("listing on a stock board", "上市挂牌"),
    "tax": ("tax relief", "税收优惠"),
    "talent": ("talent", "人才"),
    "technology_transfer": ("technology transfer", "技术转移"),
}
# Stages that are also another stage, with the reason shown to the founder.
_ALSO: dict[str, tuple[str, str, str]] = {
    "little_giants": ("smes", "Little Giants are SMEs", "小巨人企业属于中小企业"),
}


@dataclass(frozen=True)
class Match:
    card: dict[str, Any]
    score: int
    needs: tuple[str, ...]  # the founder's needs this card helps with
    why_en: str
    why_zh: str
    evidence: dict[str, Any]  # one of the card's sources: {doc_id, section, quote}


def stage_fit(card: dict[str, Any], stage: str) -> tuple[int, str, str] | None:
    """(strength, why_en, why_zh) when the card serves the stage, else None."""
    serves = set(card.get("serves") or [])
    en, zh, _ = STAGES[stage]
    if stage in serves:
        return 3, f"serves {en}", f"面向{zh}"
    also = _ALSO.get(stage)
    if also and also[0] in serves:
        return 2, f"serves SMEs ({also[1]})", f"面向中小企业（{also[2]}）"
    if "all_enterprises" in serves and stage != "founder_teams":
        return 1, "open to all enterprises", "面向各类企业"
    return None


def match_measures(
    cards: Iterable[dict[str, Any]],
    stage: str,
    needs: Sequence[str] = (),
) -> list[Match]:
    """Cards that fit ``stage`` and (if any are given) ``needs``, best fit first."""
    if stage not in STAGES:
        raise ValueError(f"unknown stage {stage!r}; use one of {', '.join(STAGES)}")
    unknown = [n for n in needs if n not in NEEDS]
    if unknown:
        raise ValueError(f"unknown need {unknown[0]!r}; use any of {', '.join(NEEDS)}")
    out: list[Match] = []
    for card in cards:
        fit = stage_fit(card, stage)
        if fit is None:
            continue
        helps = list(card.get("helps_with") or [])
        hit = tuple(n for n in needs if n in helps)
        if needs and not hit:
            continue
        strength, why_en, why_zh = fit
        if hit:
            why_en += "; helps with " + ", ".join(NEEDS[n][0] for n in hit)
            why_zh += "；可解决" + "、".join(NEEDS[n][1] for n in hit)
        # Needs met dominate; then how squarely the stage is served; focused cards beat
        # catch-all programmes that list every need.
        score = 10 * len(hit) + 3 * strength - max(len(helps) - len(hit), 0)
        out.append(Match(card, score, hit, why_en, why_zh, evidence(card, stage)))
    out.sort(key=lambda m: (-m.score, str(m.card.get("id"))))
    return out


def evidence(card: dict[str, Any], stage: str) -> dict[str, Any]:
    """The source quote that best shows who the card is for (else its first source)."""
    sources = [s for s in card.get("sources") or [] if isinstance(s, dict) and s.get("quote")]
    if not sources:
        return {}
    words = STAGES[stage][2]
    for src in sources:
        if any(w in str(src["quote"]) for w in words):
            return dict(src)
    return dict(sources[0])


def filter_cards(
    cards: Iterable[dict[str, Any]],
    category: str | None = None,
    year: int | str | None = None,
    text: str = "",
) -> list[dict[str, Any]]:
    """The measures browser's filters: category, a year the card covers, free text."""
    needle = (text or "").strip().lower()
    out = []
    for card in cards:
        if category and card.get("category") != category:
            continue
        if year not in (None, "") and int(year) not in {int(y) for y in card.get("years") or []}:
            continue
        if needle and needle not in _haystack(card):
            continue
        out.append(card)
    return out


def _haystack(card: dict[str, Any]) -> str:
    parts: list[str] = [
        str(card.get(k) or "")
        for k in ("id", "name_zh", "name_en", "summary_zh", "summary_en", "issuer")
    ]
    for fig in card.get("figures") or []:
        parts += [str(fig.get("counts_zh") or ""), str(fig.get("counts_en") or "")]
    return "\n".join(parts).lower()
