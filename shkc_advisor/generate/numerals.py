"""Numbers as questions write them and the sources do: years (and two-digit ones, "15年"), ordinals
("第六期" → 第6期), spans ("运行了三年"), thousands separators and millions (read as 万 / 亿), and the
Chinese and English numerals behind them. ``analysis`` reads a question's figures with these."""

from __future__ import annotations

import re

# not "the 2000s", "90年代", nor an amount ("2000万", "2000多家")
YEAR = re.compile(
    r"(?<!\d)(19[5-9]\d|20[0-9]\d)(?!\d|'?s\b|年代|年?前后|年?左右|\s*(?:多|余|万|亿|元|%|％|家|个|项|名|人|户))"
)
DECADE = re.compile(r"(?<!\d)\d{4}(?='?s\b|年代)")
# (not a product or technology name: "3D打印", "5G")
NUM = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?!\d|\.\d|[A-Za-z]\b|[A-Za-z](?=[\u4e00-\u9fff]))")
ORDINAL = re.compile(
    r"第\s*(\d+)\s*[期批届条]|(\d+)\s*条|(\d+)(?:st|nd|rd|th)\b|(\d+)\s*articles|(?:tranche|batch|phase|round)\s*(\d+)|(\d+)\+x",
    re.I,
)
# "1,203" as the sources write it (not "2,000": read as a year, it would be no figure)
THOUSANDS = re.compile(r"(?<![\d,])(\d{1,3}),(\d{3})(?![\d,])")
MILLION = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*(million|billion)\b", re.I)


def in_wan_or_yi(number: str, scale: str) -> str:
    """A figure in millions or billions as the sources write it: "5 million" is 500万, "2.5 billion" 25亿."""
    return f"{float(number) * (100 if scale.lower() == 'million' else 10):g}"


_ZH_DIGIT = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ZH_ORDINAL = re.compile(r"第([一二两三四五六七八九十]{1,3})([期批届条次])")


def zh_number(numeral: str) -> int | None:
    """一..九十九 as an int ("十二" → 12, "二十" → 20)."""
    if "十" not in numeral:
        return _ZH_DIGIT.get(numeral) if len(numeral) == 1 else None
    tens, _, ones = numeral.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        return None
    return (_ZH_DIGIT.get(tens, 0) if tens else 1) * 10 + (_ZH_DIGIT.get(ones, 0) if ones else 0)


_EN_ORDINAL = re.compile(
    r"\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\s+(tranche|batch|phase|round)", re.I
)
EN_ORDINAL_N = {w: i for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split(), 1)}


# "06年", "15年11月", "15年底", "15年双创政策…" opening a clause (not "10年期", "第10年", "成立10年了")
_SHORT_YEAR = re.compile(
    r"(?<![\d.第近满])(0\d年(?!代|期|限)|1\d年(?=\s*\d{1,2}\s*月|底|初|末))|"
    r"(?<![^\s，,。？?、：:])(1\d年)(?![了期限内以来间多左右后前代])"
)
_SHORT_YEAR_LIST = re.compile(r"(?<![\d.])(1\d)(?=、1\d年)")  # the 14 of "14、15年"
_YEAR_SPAN = re.compile(r"(?<!\d)(20[0-2]\d)\s*[-–~]\s*(\d\d)(?!\d)")  # "2015-16" → 2015-2016


EN_NUMBER = {w: i for i, w in enumerate("two three four five six seven eight nine ten".split(), 2)}
_EN_SPAN = re.compile(r"\b(two|three|four|five|six|seven|eight|nine|ten)\s+(years|months|weeks)\b", re.I)
# "运行了三年后": a span in Chinese numerals (not a name: "三年行动计划")
# (or at a clause's end: "坚持运行了三年，最后…")
_ZH_SPAN = re.compile(r"(?<=[了过])([两二三四五六七八九十])(年|个月)(?=后|之后|以后|才|就|[，,。；;？?])")


def digit_ordinals(text: str) -> str:
    """"第六期" → "第6期", "seventh tranche" → "tranche 7": the sources write ordinals in digits."""

    def sub(m: re.Match[str]) -> str:
        n = zh_number(m.group(1))
        return f"第{n}{m.group(2)}" if n else m.group(0)

    text = _EN_ORDINAL.sub(lambda m: f"{m.group(2)} {EN_ORDINAL_N[m.group(1).lower()]}", text)
    # "after running for five years": a duration stated is a figure to check
    text = _EN_SPAN.sub(lambda m: f"{EN_NUMBER[m.group(1).lower()]} {m.group(2)}", text)
    text = _ZH_SPAN.sub(lambda m: f"{zh_number(m.group(1).replace('两', '二'))}{m.group(2)}", text)
    text = _YEAR_SPAN.sub(r"\1-20\2", _SHORT_YEAR_LIST.sub(r"20\1", text))
    text = _SHORT_YEAR.sub(lambda m: "20" + (m.group(1) or m.group(2)), text)  # "15年11月" → 2015年11月
    return _ZH_ORDINAL.sub(sub, text)
