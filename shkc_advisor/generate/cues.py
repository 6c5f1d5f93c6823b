"""Question cues: patterns that say what kind of answer a question asks for (a time, a count,
money, a place, a reason, a list…) or what it is about beyond its terms (the author, the
asker's own application, daily life). ``analysis.analyse`` reads them into a ``Query``.
Pure patterns, no code.
"""

from __future__ import annotations

import re

TIME_Q = re.compile(
    r"how much time|how long|how many years|相隔|间隔多久|隔了多久|过了多久|哪一?年|哪一?天|几号|什么时候|啥时候?|何时|"
    # (not a clause that only sets the scene: "When the board opened, how many firms…?")
    r"几月|哪个月|时间是|when\b(?![^?,.;]{3,160},\s*(?:how|what|which|who|where|why)\b)|what year|which year|what date",
    re.I,
)
# "How many companies were listed … when the board opened?": the when-clause follows the ask
# (not a second ask: "what is the 22 articles and when was it passed")
LATER_WHEN = re.compile(r"\b(?:how many|how much|which|what|who)\b[^?.;]*(?<!\band )\bwhen\b"
                        r"(?!\s+(?:was|were|is|are|did|does|do|will|has|have|had)\b)", re.I)
COMPARE_Q = re.compile(
    r"之前|以前|原有|此前|增加了多少|增长了多少|多了多少|少了多少|相差|差距|变化|转变|改变|区别|有何不同|"
    r"before|previously existing|grow|grew|growth|increase|difference|compared|change",
    re.I,
)
COUNT_Q = re.compile(
    r"多少|(?<![哪们那这])几[家个项条次期名宗]|比例|规模|额度|有多大|多大(规模|额度)|[场家项次人个]数(?![据字码])|"
    r"how many|how much|what share|percentage|what proportion|\bsize\b",
    re.I,
)
MONEY_Q = re.compile(
    r"多少钱|金额|费用|资金|补贴多少|额度|上限|封顶|最(多|高)能?(贷|借|抵|拿|用|申请|补|奖|资助|批)|[贷借补奖]多少|手续费|收费|"
    r"how much (?:\w+ )?money|how much (?:\w+ )?funding|how much (equity|capital)|\bfees?\b|\bcosts?\b|amount of money|"
    r"subsid(?!i[sz]e|y coupon|y voucher)|maximum (?:\w+ )?loan|"  # a subsidy, not "coupons that subsidise services"
    r"loan (cap|size|amount|limit)|"
    r"how much can .{0,30}(borrow|get|receive)|borrow|maximum (?:\w+ ){0,2}amount|"
    r"how much .{0,20}invest|最高.{0,4}(投资|金额)|"
    r"registered capital|注册资本|注册资金|"
    r"(基金|资金|投资|融资|贷款)的?规模|最(多|高)能?投|投多少|面额|面值|奖金|prize money|"
    r"face value|how much (is|are) .{0,60} worth|maximum .{0,30}(claim|get|receive|redeem)|maximum (\w+ ){0,2}value|"
    r"房租|租金|\brent(al)?\b|"
    r"多少.{0,4}(补贴|资助|奖励|奖金)|多少经费|经费.{0,6}多少|[花用]了多少|花费多少|开支多少|预算|"
    r"how much .{0,30}(spend|spent)|budget|how many (yuan|rmb)\b|多少[元亿]|多少万元",
    re.I,
)
_NOT_A_PLACE = "问题|原因|区别|差距|优势|难点|关键|症结|不同|好处"  # "问题出在哪", "区别在哪里"
WHERE_Q = re.compile(
    rf"(?<!{_NOT_A_PLACE})(?<!{'|'.join(w + '在' for w in _NOT_A_PLACE.split('|'))})(?<!出在)哪里|哪儿|哪个地方|"
    rf"(?<!{_NOT_A_PLACE})(?<!出)在哪(?!些|一?[个家所项条种类])|"  # "在哪个交易中心" asks a name
    r"哪个区|哪个城市|落户|位于|where\b|located|based in|which (part|district|area)",
    re.I,
)
CHECK_Q = re.compile(r"吗|吧|对吗|是不是|对不对|是真的|right\?|correct\?|true\?|isn't it|is that so", re.I)
# Also read on the whole question: the fund's name is an anchor, cut from cue_text.
FUND_SIZE_Q = re.compile(
    r"基金.{0,6}规模|fund'?s? size|size of (the|its) fund|how big is .{0,60}fund|"
    r"how much (capital|money) does .{0,60}fund (manage|have|hold)",
    re.I,
)
# "举了哪些例子": the paper's examples follow what they illustrate ("如上海联合产权交易所的…")
EXAMPLE_Q = re.compile(r"例子|举例|案例|实例|典型|for example|examples?\b|case stud|such as", re.I)
# who wrote the document itself: its opening line names the author
AUTHOR_Q = re.compile(
    r"作者(是谁|叫什么|是哪|来自|所在|的?单位|在哪)|谁写的|哪个单位写的|(作者|笔者)[\u4e00-\u9fff]{2,4}是哪个单位|"
    r"who (wrote|is the author of|authored)|author of (this|the) (paper|article|report|study)|"
    r"(author|he|she) (is )?affiliated|affiliation of the author",
    re.I,
)
# how the asker's own application stands ("我们的创新券申请批下来了吗？", "Has our application been
# approved?"): a decision about them that no document records
OWN_STATUS = re.compile(
    r"(我|我们|我司|咱们|咱|本公司)[^，,。？?]{0,14}(批下来|批准|获批|审批|审核|评审|通过|入选|选上|中选)[^，,。？?]{0,4}"
    r"(了吗|没有|了没|没|吗|结果|进度)|"
    r"\b(my|our) (company|firm|startup|business|application|project|request)('s)?\b[^?.]{0,40}"
    r"\b(approved|accepted|rejected|granted|successful|selected|status)\b|"
    r"\b(am i|are we|have i|have we)\b[^?.]{0,20}\b(approved|accepted|rejected|granted|selected)\b",
    re.I,
)
# matters of daily life ("会下雨吗", "附近有什么好吃的", "should I pack a jacket"): a question that
# turns on one the sources never mention is not theirs, whatever place it names
EVERYDAY = re.compile(
    r"下雨|下雪|天气|气温|带伞|外套|好吃|餐厅|饭店|饭馆|菜馆|本帮菜|美食|小吃|酒店|宾馆|住宿|民宿|景点|好玩|门票|"
    r"堵车|停车|地铁|打车|出租车|签证|航班|机票|菜谱|健身|电影|演唱会|购物|红烧肉|冰糖|做菜|做饭|炒菜|股票|炒股|"
    r"\b(weather|rain|raining|snow|jacket|coat|restaurants?|food|dinner|lunch|hotels?|flights?|visas?|"
    r"parking|subway|metro|taxi|recipes?|cook(ing)?|sightseeing|tourists?|movies?|concerts?|shopping|stocks)\b",
    re.I,
)
# "why", and "what came of it": the answer usually follows the sentence that matches
WHY_Q = re.compile(
    r"为什么|为何|为啥|什么原因|原因是|怎么回事|咋回事|根子|根源|症结|原因在哪|问题出在哪|关键问题|root cause|"
    r"结果怎么样|后来怎么样|结果如何|后来呢|结局|怎么[^？?，,]{0,10}就(黄|撤|关|停|没|散|垮)了|"
    r"(怎么|怎样|如何)解释|\bhow (does|do|did) .{0,30}\bexplain|"
    r"\bwhy\b|what was the reason|what caused|what happened|what came of|outcome|what (drove|led to|explains)",
    re.I,
)
# what is proposed or done about a problem ("对专利碎片化问题提出建什么？"): the remedy, not its cause
REMEDY_Q = re.compile(
    r"(提出|建议|主张|采取|给出)了?[^，,。？?]{0,6}(什么|哪些|啥)|建(什么|啥)|(怎么|如何|怎样)(解决|应对|破解)|对策|"
    r"what (does|did) .{0,40}\b(propose|suggest|recommend)|how (to|should|could|can|does|did) .{0,40}\b"
    r"(solve|address|tackle|fix)",
    re.I,
)
# What a "how many" question counts: "多少家银行参与" (any of its words), "民营的有几家".
COUNTED_AFTER = re.compile(r"(?:(?<!们)几|多少)\s*[家个项条名位所宗户批]\s*(?!百分点)([\u4e00-\u9fff]{2,8})")
# "民营的有几家", "生物医药类企业具体有几家": a part of what a figure counts
# (or "107家孵化器里，国有孵化器有多少家": a kind of what was counted just before)
COUNTED_SUBSET = re.compile(
    r"([\u4e00-\u9fff]{2,6}?)(?:的|类的?(?:企业|公司|项目|机构|单位)?)(?:具体|一共|共)?(?:有|占)(?:几|多少)|"
    r"\d+\s*[家个所项][\u4e00-\u9fff]{0,6}?(?:里|中|当中)[，,]\s*(?:其中)?([\u4e00-\u9fff]{2,4}?)"
    r"(?:企业|公司|孵化器|高校|机构|项目|银行|团队)(?:具体|一共|共)?(?:有|占)(?:几|多少)|"
    # ("…涉及互联网、生物医药等行业，其中生物医药企业有几家？")
    r"其中([\u4e00-\u9fff]{2,4}?)类?(?:企业|公司|孵化器|高校|机构|项目|银行|团队)(?:具体|一共|共)?(?:有|占)(?:几|多少)"
)
# A list is asked for: the items usually follow the sentence that introduces them.
LIST_Q = re.compile(
    r"哪几(类|种|个方面|方面|条|点|步|个阶段|化)|哪些(方面|类别|种类)|分(成|为)哪|"
    r"哪[两二三四五六七八九十](类|种|化|步|条|个方面|点)|每一步|"
    r"what are the (two|three|four|five|six|\d+)\b|which (two|three|four|five|six) |"
    r"milestones?|(steps|stages|phases|categories) (of|in)\b|"
    r"what (categories|kinds|stages|steps|phases)",
    re.I,
)
# "四化", "哪四化": a numbered label; the sentence spelling it out repeats its last character
_ZH_N = "一二两三四五六七八九十"
SHORTHAND_Q = re.compile(rf"[“\"]([{_ZH_N}])([\u4e00-\u9fff])[”\"]|哪([{_ZH_N}])([\u4e00-\u9fff])")
# a quoted label like that ("四化", "三步走") names a list, not a document: no false premise
SHORTHAND_TITLE = re.compile(rf"[{_ZH_N}]\S{{1,2}}")
# the last item of a list ("战略路线最后一步", "the very last milestone"): its items are in order
LAST_Q = re.compile(r"最后(那|的)?一?[步个项阶]|最后(阶段|的目标)|最终(目标|阶段)|\b(the (very )?last|final) "
                    r"(\w+ )?(step|stage|phase|milestone|item|target)", re.I)
EARLIEST_Q = re.compile(r"最早|最初|earliest|first (set up|established|founded|opened)", re.I)
ORDINAL_Q = re.compile(r"第几\s*([届期批次条])")  # "第几届": the answer is an ordinal, "第4届"
PERCENT_Q = re.compile(
    r"比例|百分之|百分比|占比|占几成|几成|强度[^，,。？?]{0,4}(多少|多高|几)|percent|percentage|proportion|share of|"
    r"what (was|is) [^?]{0,30}intensity|(equity|ownership) stake|\bwhat stake\b|持股比例|股权比例|占股", re.I
)
