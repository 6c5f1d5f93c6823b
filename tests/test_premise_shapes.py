"""False premises the sources contradict in words rather than figures: a rank, where something
emerged, which exchange runs a board. Each is refused as asked, the correction cited."""

from __future__ import annotations

import pytest

from shkc_advisor import Advisor
from shkc_advisor.generate.analysis import analyse

from .test_answers import assert_corrected, assert_grounded


def test_tops_every_province_is_corrected_by_the_rank(advisor: Advisor) -> None:
    ans = advisor.ask("Since Shanghai tops every province in China, Beijing included, on R&D intensity, "
                      "what R&D intensity did it reach in 2015?")
    assert_corrected(ans)
    assert "第二" in ans.text


@pytest.mark.parametrize(
    "question",
    ["Since, per the paper, Alibaba grew out of a small Shanghai start-up, which Shanghai programme backed it?",
     "既然华为是从上海的小微企业发展起来的，上海当年用了哪些扶持政策？"],
)
def test_a_name_the_sources_place_in_other_cities_is_not_shanghais(advisor: Advisor, question: str) -> None:
    ans = advisor.ask(question)
    assert ans.abstained
    if ans.citations:  # refused outright, or corrected with the sentence that places it
        assert_corrected(ans)
        assert "其他大城市" in ans.text


def test_asking_why_shanghai_lacks_such_names_is_no_false_premise(advisor: Advisor) -> None:
    ans = advisor.ask("Why hasn't Shanghai produced a tech giant like Huawei or Alibaba?")
    assert not ans.abstained and "华为" in ans.text


def test_a_board_set_on_the_wrong_exchange_is_corrected(advisor: Advisor) -> None:
    ans = advisor.ask("上海证券交易所的科技创新板首批挂牌了多少家企业？")
    assert_corrected(ans)
    assert "上海股权托管交易中心" in ans.text
    ans = advisor.ask("科技创新板首批挂牌了多少家企业？")
    assert "27" in ans.text and not ans.abstained


@pytest.mark.parametrize(
    "question",
    ["课题组提出的战略路线最后一步是哪年？", "课题组的分四步走战略路线，最后那一步落在哪一年？",
     "What is the last step of the research group's four-step roadmap?"],
)
def test_the_last_step_is_the_lists_last_item_even_in_the_next_chunk(advisor: Advisor, question: str) -> None:
    ans = advisor.ask(question)
    assert "2050" in ans.text
    assert_grounded(ans)


def test_millions_of_yuan_are_read_as_the_sources_count_money(advisor: Advisor) -> None:
    assert analyse("Since the cap was raised to 5 million yuan, is it worth it?", set()).figures == ["500"]
    assert_corrected(advisor.ask("Since the performance loan (履约贷) cap was raised to 5 million yuan, "
                                 "is it worth applying for a small tech firm like mine?"))
    ans = advisor.ask("Since the performance loan cap was raised to 8 million yuan, what was the sixth tranche's total?")
    assert not ans.abstained and "25" in ans.text


def test_thousands_separators_are_read_as_the_sources_write_figures(advisor: Advisor) -> None:
    ans = advisor.ask("A colleague told me Shanghai had 1,203 national-grade science parks at the end of 2012. "
                      "For the same date, how many development zones at the municipal level does the paper count?")
    assert "2946" in ans.text and not ans.abstained  # a true premise, not "1" and "203"
    # "2,000" is a count, not the year 2000
    assert "2000" not in analyse("Over 2,000 companies got vouchers in 2015-2016, right?", set()).years
    assert advisor.ask("Someone told me over 2,000 companies got Shanghai innovation vouchers in the "
                       "2015-2016 cycle. Is that accurate?").abstained


def test_a_figure_bound_to_another_noun_in_the_quote_is_corrected(advisor: Advisor) -> None:
    assert_corrected(advisor.ask("Given that 1,790 start-up teams got innovation vouchers in 2015-2016, "
                                 "how many enterprises got them?"))
    ans = advisor.ask("Since 1,790 companies got innovation vouchers in 2015-2016, how many start-up teams got them?")
    assert not ans.abstained and "14" in ans.text


def test_a_span_in_chinese_numerals_is_a_figure_but_the_founders_own_is_not() -> None:
    assert "3" in analyse("杨浦实践基地运行了三年后才因为经费问题撤销，是谁建的？", set()).figures
    assert not analyse("我们公司刚满两年，技术市场是哪年建的？", set()).figures


# What the sources contradict, however it is worded: the answer is refused as asked and cites the
# sentence that says otherwise, which holds ``said``.
CONTRADICTED = [
    # a change's direction, explained or shrunk ("比2008年增加73.7%", "第6期…进一步扩大")
    ("2009年上海技术产权交易成交额比2008年下降了73.7%，论文是怎么解释这次大幅下滑的？", "增加73.7%"),
    ("履约贷第5期的总额度就已经达到25亿元了，为什么第6期反而缩减了？", "扩大"),
    ("Why did technology property transactions at the United Assets and Equity Exchange plunge by 73.7% "
     "in 2009 compared with 2008?", "增加73.7%"),
    # who founded or issued it: a body never named, or another body than the evidence's
    ("南南全球技术产权交易所是世界银行牵头组建的，它成立于哪一年？", "联合国计划发展署"),
    ("Why did China's Ministry of Education team up with the UN in 2008 to found the South-South Global "
     "Technology and Property Rights Exchange?", "商务部"),
    ("1993年教育部和上海市政府联手组建的那个全国首家国家级常设技术市场，宗旨是什么？", "科技部"),
    ("In December 1993 the Ministry of Education and the Shanghai municipal government jointly created China's "
     "first national-level permanent technology market. What was its stated purpose?", "科技部"),
    ("2016年4月上海市商务委推出了多少项“可复制、可推广”的自贸试验区监管服务创新制度？", "上海海关"),
    ("南南所是上海技术产权交易所跟联合国开发计划署、商务部一起组建的，它落户在哪个区？", "联合产权交易所"),
    ("上海证券交易所科技创新板首批挂牌的那批企业主要集中在哪些行业？", "上海股权托管交易中心"),  # the sentence before
    # a region, a growth rate on a base year, a stage's kind, how far a goal is reached
    ("上海高校技术市场首期成员里有47家珠三角地方政府，那高校有几所？", "长三角"),
    ("2014年上海全市技术交易成交额667.99亿元，比2009年增长了73.7%，这个增速靠什么拉动的？", "35.7%"),
    ("课题组“四步走”路线图里，2030年那个“内生型发展阶段”具体要实现什么？", "混合型"),
    ("按课题组的四步走路线，上海要在2030年全面建成全球一流科技创新中心，对吧？", "基本建成"),
    # (after a true recap whose evidence is elsewhere: the checked detail is read on its own evidence)
    ("2015年5月25日市委全会通过的“22条”要把上海建成综合性、开放型科技创新中心，路线图里说2030年就全面建成全球一流科技"
     "创新中心，对吧？", "基本建成"),
    ("上海众创空间联盟是全国第二家区域性众创空间联盟，它有什么特点？", "首家"),  # an order of founding
    # a “quoted” model dated to the year whose forum had another theme
    ("2015年浦江创新论坛的主题是“协同创新，共享机遇”，这届论坛是谁主办的？", "全球创新网络汇聚共同利益"),
    # a count set on another noun, or read in an ordinal of the sentence before
    ("2015年全市新增了62家科技企业孵化器，这些新增孵化器主要分布在哪些区？", "42家"),  # 62 counts 新型孵化器
    ("Shanghai's maker-space alliance now has 134 member organisations, right?", "57家联盟会员"),
    ("Weidaitong only partners with 5 banks, right?", "12"),  # "第5期" before it is no 5 banks
    ("Shanghai Shengzhihua IP Service Co. was set up by Fudan University as its tech-transfer arm — what kind of "
     "services does it provide?", "中国科学院上海生命科学研究院"),  # a founder the sources never name, in English
    ("上海盛知华知识产权服务有限公司是复旦大学设立的吗？主要做什么？", "中国科学院上海生命科学研究院"),
    ("履约贷第二期的总额度就已经到了10.38亿元，后面第六期增到了多少？", "第3期10.38亿元"),  # its own 第N期
    ("The 6th tranche of Shanghai's 履约贷 performance-guarantee loan scheme totalled 13.27亿元. By how much was the "
     "per-firm loan cap raised in that tranche?", "13.27"),  # its own tranche, in English
    # a share the quote gives only for a part ("其中来自世界500强企业的…占比更是达全国1/3") stated for the whole
    ("By August 2014 multinational R&D centres in Shanghai made up about one-third of China's total. How many such "
     "centres were there?", "1/4"),
    ("跨国公司在沪研发中心占全国三分之一，一共有多少家？", "1/4"),
    ("By August 2014 multinationals had set up about 370 R&D centres in Shanghai, roughly one third of China's "
     "total. What share of China's Fortune 500 R&D centres did Shanghai host?", "1/4"),  # the part asked later
    # who held it: an organiser the evidence does not name
    ("2015年11月5日在漕河泾开的那场科创中心专题研讨会，是上海市科委主办的吧？会上专家提了哪些瓶颈？", "市场中介专委会"),
    ("2014年浦江创新论坛是教育部主办的吗？", "科技部和上海市政府联合举办"),
    # a stage's kind named in English
    ("In the four-step roadmap, 2030 is described as the 'endogenous development stage'. What is Shanghai supposed "
     "to achieve in that stage?", "混合型"),
    # a figure set on the other owner, a document given another's short name
    ("2014年建成的107家孵化器里，国有孵化器只有33家，说明民营已经占主导了，那为什么论文还说科技服务市场化程度不高？", "民营孵化器仅33家"),
    ("《关于促进金融服务创新支持上海科技创新中心建设的实施意见》是2015年5月25日市委全会通过的那份“22条”吧？它具体有哪些措施？",
     "《关于加快建设具有全球影响力的科技创新中心的意见》"),
    ("上海技术市场是2003年由科技部和上海市政府联合组建的，当时的宗旨是什么？", "1993年12月"),  # who did it, in between
    ("按课题组的四步走路线，2030年上海要全面建成全球一流的科技创新中心，那2040年阶段的目标是什么？", "基本建成"),  # 2030's
    ("The October 2014 Pujiang Innovation Forum was co-hosted by the Chinese Academy of Sciences and the Shanghai "
     "government. What new model did it put forward?", "科技部和上海市政府联合举办"),
    # a founder the question names with 由…组建 though another quote names it otherwise; a co-host park
    ("1993年12月由国家教育部和上海市人民政府共同组建的我国首家国家级常设技术市场，当时的宗旨是什么？", "国家科技部"),
    ("2015年11月5日，上海市经济学会市场中介专委会与张江高科技园区联合举办了“建设上海科创中心，发挥市场中介组织作用”专题研讨会，"
     "会上专家归纳了哪些瓶颈问题？", "漕河泾新兴技术开发区"),
    ("华为是从上海的小微企业成长起来的吧？", "其他大城市"),
    # a product credited with what a sibling did (its part of the sentence names the other), or asked for it
    ("创投贷引进了保险公司来简化流程，有几家银行参与合作？", "微贷通引进保险公司"),
    ("微贷通调查走访了12家获市创业引导投资基金和天使投资引导基金投资的企业，那微贷通后来跟银行签约了吗？", "创投贷调查走访"),
    ("创投贷有几家银行参与？", "微贷通引进保险公司"),
    # unanswerable as asked (no share of foreign members), but the stated figure is still corrected
    ("上海众创空间联盟有157家会员单位，这么多会员里外资背景的占几成？", "57家联盟会员"),
    # a session of the party committee, a rank in English, a body in English active voice
    ("2015年5月25日，上海十届市委七次全会专题审议并通过了“22条”。“22条”要把上海建成什么样的科技创新中心？", "八次全会"),
    ("Shanghai's R&D intensity reached 3.6% in 2015, ranking first among all Chinese provinces and municipalities. "
     "How much did Shanghai spend on R&D that year?", "位居全国第二"),
    ("In April 2016 the Shanghai Municipal Commission of Commerce launched 14 supervision and service innovations "
     "for the Free Trade Zone. What did these reforms range from and to?", "上海海关"),
    ("On 5 November 2015 the Shanghai Economic Society's market-intermediary committee and Zhangjiang Hi-Tech Park "
     "co-hosted a seminar on building the innovation centre. What bottlenecks did the experts identify?", "漕河泾"),
    # a direction against a base the quote moves the other way from; a series said to rise every step
    ("联合产权交易所2009年技术产权交易的成交额不仅比2008年有所增长，而且超过了2003年合并前的水平，原因是什么？", "下降"),
    ("上海技术产权交易所2003年11月并入上海联合产权交易所后，技术项目的交易量和成交额都明显上升了，主要是什么原因？", "下降"),
    ("履约贷的总额度从第1期的1.64亿元起逐期递增，一直到第6期的25亿元，每一期都比上一期多，对吧？", "第4期8.46亿元"),
    ("Did the performance loan's total quota grow every tranche from 1.64亿元 to 25亿元?", "第4期8.46亿元"),
    # two kinds' figures swapped, in English; a statement whose effect is asked ("这对…有什么影响")
    ("In 2015 Shanghai added 62 new technology business incubators and 42 new-type incubators. How many startup "
     "nurseries were added that year?", "科技企业孵化器42家"),
    ("2015年上海为了聚焦重点企业，缩小了研发费用税前加计扣除的范围，这对中小企业有什么影响？", "扩大"),
    # a year after the event's verb ("成立于2007年7月"); a list's count; a level; a share before the question's 其中
    ("上海理工技术转移有限公司是2010年才成立的吧？它主要做什么？", "2007年7月"),
    ("上海深化政府职能转变要走好“退、放、进”三部曲，这三部曲分别是什么意思？", "四部曲"),
    ("论文用2014年建成的107家孵化器中民营孵化器有33家的数据，说明上海科技服务的市场化程度已经比较高了，对吧？", "市场化程度不高"),
    ("至2014年8月，跨国公司在沪设立的研发中心近370家，占全国约1/3，那其中来自世界500强企业的研发中心占全国的比例是多少？",
     "1/4"),
    # the same two in English: a change against the pre-merger base, the session of the committee
    ("After the Shanghai Technology Property Rights Exchange merged into the United Assets and Equity Exchange in "
     "2003, its technology deals grew strongly. By what percentage had the 2009 deal volume risen compared with "
     "pre-merger levels?", "下降"),
    ("After the Shanghai Technology Property Exchange was merged into the comprehensive United Assets and Equity "
     "Exchange, its technology deal volume and value rose sharply, right?", "下降"),
    ("The \"22 Articles\" were adopted on 25 May 2015 by the ninth plenary session of the tenth Shanghai Municipal "
     "Party Committee, right? What kind of innovation centre do they aim for?", "八次全会"),
    # a count after its noun ("科技企业孵化器62家"); a quote's own "合并到…后，…反趋于下降"
    ("2015年上海新增科技企业孵化器62家，对吧？", "科技企业孵化器42家"),
    ("论文认为技术产权交易所并入综合性产权交易所后，技术项目的交易量和成交额明显上升，这主要得益于哪些体制优势？", "下降"),
    # in English: the other owner; a series "rising steadily" though 第4期 fell
    ("Of the 107 incubators built in Shanghai by 2014, only 33 (30.8%) were state-owned. What problem does the paper "
     "use this figure to illustrate?", "民营孵化器仅33家"),
    ("Each new tranche of Shanghai's 履约贷 performance loan was larger than the one before, rising steadily from "
     "1.64亿元 in the 1st to 25亿元 in the 6th, right?", "8.46"),
    # a count of measures that happens to be the “22条” document's number
    ("《实施意见》从8个方面提出了22条具体政策措施，对吧？", "20条"),
    ("The August 2015 implementing opinions on financial services for the sci-tech innovation centre set out 22 "
     "specific policy measures across 8 areas, right?", "20条"),
    # a district given in passing, read in the sentence that places the body though another answers;
    # a year that draws another body's founding (南南全球技术产权交易所, 2008), read on the full name
    ("南南所落户徐汇区漕河泾开发区之后，帮助了哪些企业实现走出去？", "杨浦区"),
    ("After the South-South exchange settled in Xuhui, how many workstations did it build?", "杨浦"),
    ("上海技术产权交易所是2008年市政府批准成立的吧？它后来并到哪儿去了？", "2002年"),
    # a count of things the quotes number ("十大优势") or spell out ("一是…二是…三是…"); a count after a verb
    ("The paper says Shanghai has eight major advantages for becoming a global innovation centre. What are those "
     "eight?", "十大优势"),
    ("2015年上海出台的“双创”政策分成了四类，分别是哪四类？", "三是"),
    ("听说到2012年底上海的市级开发区只有1203个，这些园区为什么还会多而散？", "2946"),
    # a co-host "with" whom, in English
    ("I heard the November 2015 seminar on market intermediaries and the innovation centre was co-hosted with "
     "Zhangjiang Hi-Tech Park. What bottlenecks did the experts raise there?", "漕河泾"),
    # a goal's degree set in a year whose own sentence says nothing of it, in either language
    ("按四步走路线图，上海到2020年就基本建成科创中心了吧？", "2030年"),
    ("According to the four-step roadmap, Shanghai is supposed to have basically completed its global sci-tech "
     "innovation centre by 2020. Is it on track?", "2030年"),
    # who set it up, a list of bodies before 共同筹建; where it was held, in English; a count of stages;
    # a share in words against the quote's fractions
    ("上海高校技术市场是国家科技部和教育部在2010年共同筹建的吧？我们学校想加入，应该去联系科技部还是教育部？", "杨浦区政府"),
    ("I read that the November 2015 seminar on building Shanghai's innovation centre was co-hosted at the "
     "Zhangjiang Hi-Tech Park incubation centre. What bottlenecks did the experts there point to?", "漕河泾"),
    ("听说上海技术市场从无到有一共经历了初创、规范、提升三个阶段，现在处在第三阶段，这个阶段对企业有什么新服务？", "五个阶段"),
    ("Since roughly half of all multinational R&D centres in China were located in Shanghai by August 2014, about "
     "how many such centres did Shanghai have then?", "1/4"),
    # a merger's year with 并进; a full date before its verb, and a month before the year in English; a quoted
    # theme dated by the question, held by a sentence of another year; "doubled", "slipped"
    ("上海技术产权交易所是2008年才并进上海联合产权交易所的，并进去以后技术项目交易是不是一下子活跃起来了？", "2003年11月"),
    ("Shanghai's \"22 Articles\" on building a globally influential sci-tech innovation centre were adopted in May "
     "2014 — what stages did they lay out?", "2015年5月25日"),
    ("2014年10月那届浦江创新论坛的主题是“全球创新网络汇聚共同利益”，当时请了多少位嘉宾？", "2015浦江创新论坛"),
    ("Since the tech property exchange merged into the United Assets and Equity Exchange in 2003, technology "
     "property trading has roughly doubled compared with before the merger. What drove that growth?", "下降"),
    ("Given that Shanghai's registered technology-contract turnover slipped in 2009 compared with 2008, is now a "
     "bad time to sell our patents through the technology market? What was the 2009 figure?", "增加1.34%"),
    # a count of stages with words between ("四个发展阶段"); a rank other than first; a country
    ("上海技术市场从无到有经历的四个发展阶段分别是哪四个？", "五个阶段"),
    ("Given that Shanghai's per-capita GDP ranks second in China, what share of its GDP comes from "
     "technology-intensive industries?", "排名第三"),
    ("上海研发投入强度排名全国第三，仅次于哪些地方？", "第二"),
    ("I read that in 2015 Shanghai signed a sci-tech cooperation memorandum with the Ruđer Bošković Institute in "
     "Serbia. What was that deal supposed to support?", "克罗地亚"),
    # a date in English against the quote's of that year; millions of the wrong thing
    ("Since Shanghai's implementing opinions on using financial services to support the sci-tech innovation center "
     "came out on 21 October 2015, have banks already rolled them out?", "2015年8月21日"),
    ("The Shanghai sci-tech finance service platform apparently has 8.8 million registered users. With that many "
     "users, is it worth posting our financing needs there?", "3300户"),
    # a change against the pre-merger base "shot up", "well above"; another currency (亿元人民币 — 亿美元)
    ("After Shanghai's technology property exchange was folded into the United Assets and Equity Exchange in 2003, "
     "I heard tech deal volume and value shot up compared with pre-merger levels. By what percentage had they "
     "risen by 2009?", "下降"),
    ("Since technology property-rights trading grew strongly after the technology exchange was merged into the "
     "United Assets and Equity Exchange in 2003, with 2009 deals well above pre-merger levels, is that exchange the "
     "best place to sell our patent?", "下降"),
    ("南南所累计成交额也就近6亿元人民币，规模好像不大，我们还值得去挂牌吗？", "6亿美元"),
    # founders "合办" / "一起办"; an event's venue; a change against the base in a sentence beside the
    # one dating the merger; a measure said not to do what the sources say it does; "都是…" against a list
    ("1993年教育部和上海市政府合办了全国第一家国家级常设技术市场，这个市场现在还对中小企业开放吗？", "科技部"),
    ("听说我国第一家国家级常设技术市场是1993年由教育部和上海市政府一起办的，它当初的宗旨是什么？", "科技部"),
    ("2015年11月5日那场“建设上海科创中心，发挥市场中介组织作用”的研讨会，是在张江高科技园区开的吧？", "漕河泾"),
    ("技术产权交易所并入联合产权交易所之后，2009年技术产权交易量和成交额都比2003年合并前大幅增长了，这说明合并很成功吧？",
     "下降72.4%"),
    ("微贷通只跟银行合作、不引入保险公司，所以审批流程才那么繁琐，对吧？", "引进保险公司"),
    ("上海股权托管交易中心科技创新板首批挂牌的都是新能源汽车企业吧？我们做电池的能不能也去挂？", "生物医药"),
    # 大涨 against the pre-merger base; where a goal leads in its year; whom a measure serves by size
    ("技术产权交易所并入联合产权交易所之后，技术项目交易量和成交额都比合并前大涨了，这说明合并很成功吧？", "下降"),
    ("按课题组的四步走路线，2040年上海就要成为全球科技创新的领跑者之一了，那2050年的目标又是什么？", "亚太地区"),
    ("By 2040, under the four-step roadmap, Shanghai is supposed to be one of the global leaders in sci-tech "
     "innovation — what stage is that called?", "亚太地区"),
    ("微贷通是专门给大型国企做并购融资的产品吧？我们小微企业是不是就别想了？", "小微科技企业"),
    # how long it ran, at a clause's end; a year in the quotes but not as the event's; a forum's wrong name
    ("听说2009年十家中介机构在杨浦创建的“杨浦实践基地”坚持运行了三年，最后是因为什么撤掉的？", "一年"),
    ("“22条”是2014年市委全会通过的吧？它给上海定的目标是什么？", "2015年5月25日"),
    ("2014年陆家嘴论坛上提出了“协同创新，共享机遇”的新模式，当时请了多少位嘉宾？", "浦江创新论坛"),
    # "是复旦大学成立的"; an English degree with the year right after it; a ministry named as a whole, in a
    # part that checks it; a rise after 并进 (涨了好几倍)
    ("上海盛知华知识产权服务公司是复旦大学成立的技术转移机构，我们能不能通过它对接复旦的专利？", "中国科学院"),
    ("The study group's roadmap says Shanghai will have fully completed its globally influential sci-tech "
     "innovation centre by 2030 — so what is supposed to happen between then and 2050?", "基本建成"),
    ("The 2014 Pujiang Innovation Forum was organised by the Ministry of Commerce alone, right? Which forum theme "
     "did it propose?", "科技部"),
    ("技术产权交易所并进联合产权交易所以后，技术项目的交易量和成交额都涨了好几倍，这说明合并很成功吧？", "下降"),
    # a company's wrong name before the words the sources' name shares; an English venue read in the sentence
    # placing the event; a share in the first quote giving one; "是…办的"; 翻了好几倍; a count of another noun
    ("同济技术转移有限公司是2007年7月成立的，后来成了国家技术转移示范机构，它主要做哪些业务？", "上海理工技术转移有限公司"),
    ("I read that the November 2015 seminar on building the Shanghai innovation centre was held in Zhangjiang "
     "Hi-Tech Park. Who co-organised it there?", "漕河泾"),
    ("跨国公司在上海设的研发中心已经占到全国一半了，这么集中的话，我们做外企技术服务是不是市场很大？", "1/4"),
    ("上海盛知华知识产权服务有限公司是复旦大学办的技术转移机构对吧？我们能不能找他们帮忙做专利评估？", "中国科学院"),
    ("技术产权交易所并入联合产权交易所以后，技术项目的交易额比合并前翻了好几倍，说明合并效果很好。那我们现在挂牌是不是"
     "更容易成交？", "下降"),
    ("听说上海众创空间联盟已经有134家会员了，我们想申请成为会员，需要准备什么？", "57家联盟会员"),
    # "three steps" — 分四步走; 主要是… against the kinds listed
    ("The research team's roadmap splits Shanghai's innovation-centre plan into three steps — which step are we in "
     "now?", "四步走"),
    ("科技创新板首批挂牌的主要是房地产和传统钢铁企业，那我们做3D打印的是不是不适合去挂牌？", "3D打印"),
    # 大多是…; a founder the part that checks it names ("…一家牵头创办的吧？" before a clause of one's own);
    # a list's count where the list begins, when its last item is what is picked; a goal's rank in its year
    ("上海股权托管交易中心科技创新板首批挂牌的大多是房地产和传统纺织企业，我们做生物医药的是不是不太适合去挂牌？", "3D打印"),
    ("上海高校技术市场是上海交通大学一家牵头创办的吧？我想通过交大的渠道进去。", "杨浦区政府"),
    ("课题组给上海科创中心定的战略路线是分三步走，最后一步是2040年吧？", "四步走"),
    ("The four-step roadmap says Shanghai becomes a world first-class sci-tech innovation center by 2040 — what is "
     "the 2030 stage called?", "2050年"),
    ("到2040年上海就建成全球一流科技创新中心了吧？", "2050年"),
    # whom a product brings in ("微贷通引进保险公司"), in either language
    ("微贷通是引进了创投基金来加快审批的吧？", "引进保险公司"),
    ("Weidaitong is the product that brings venture capital funds in to speed up approvals, right? We'd like to know "
     "how the VC side evaluates small tech firms.", "引进保险公司"),
    # whom it serves, read in any picked quote ("…为中小微企业和创客提供…")
    ("听说科技创新券主要是给大型国企用的，不支持创客团队，我们三四个人的小团队是不是就别申请了？", "中小微企业"),
    # a plan's "stages" in English are its 步走 ("roadmap" names the list itself)
    ("The roadmap for Shanghai's global sci-tech innovation centre has three stages ending in 2040, right? What is "
     "the goal of the final stage?", "四步走"),
    # who passed it ("上海十届市委八次全会专题审议并通过")
    ("“22条”是2015年5月上海市人大常委会审议通过的地方性法规，那它有没有规定违规处罚条款？", "市委八次全会"),
    # a quoted name the sources give the same thing otherwise, in the question's year
    ("2014年浦江创新论坛提出了“开放创新、合作共赢”的新模式，这个模式对我们初创公司有什么启示？", "协同创新，共享机遇"),
    # a founder named before 办的; one body alone where the quote names several together
    ("复旦大学办的上海盛知华知识产权服务有限公司，主要做哪方面的服务？我们想找它做专利评估。", "中国科学院"),
    ("上海高校技术市场是教育部一家单独牵头建的吧？我们想通过它对接高校成果，应该找教育部哪个司？", "杨浦区政府"),
    # "kept rising" against the base the quote falls from
    ("After the technology property exchange merged into the United Assets and Equity Exchange in 2003, deal volume "
     "and value kept rising compared with before the merger. Why did the merger work so well?", "下降"),
    # an English ordinal of founding against the quote's 首家
    ("I read that the Shanghai Maker Space Alliance was only the third regional maker-space alliance in the world. "
     "Which two came before it?", "首家"),
    # founded only after a later event's year ("2008年12月9日，由…共同组建" dates the founding)
    ("南南全球技术产权交易所是2010年联合国大会通过决议后才成立的吧？我想了解它成立以来在杨浦的发展情况。", "2008年12月9日"),
    # kinds in English against the quote's list; a count's support named as another programme
    ("I read that the first companies on Shanghai's equity-exchange Sci-Tech Innovation Board were mostly real-estate "
     "and traditional mining firms. Would a biotech startup like mine even fit there?", "互联网"),
    ("The paper says 29 of the 35 Shanghai companies on ChiNext had received Pujiang Talent Program support — should "
     "I apply for Pujiang Talent to improve my IPO chances?", "科技小巨人"),
    # hosts named with 合办; founders claimed whom the quote names only as supporters ("得到了…科技部…的支持")
    ("2014年那届浦江创新论坛是国家发改委和上海市政府合办的，会上提出了什么新模式？", "科技部和上海市政府联合举办"),
    ("上海高校技术市场是科技部和上海市政府联合组建的，那它的首期成员单位有哪些？", "杨浦区政府"),
]


def test_a_count_the_sections_title_gives_is_read_there(advisor: Advisor) -> None:
    # "(三)2015年采取十二项重大举措加快推进" titles the section the answering sentence sits in
    ans = advisor.ask("听说2015年上海为加快建设科创中心一共推出了十项重大举措，其中和众创空间有关的是哪一项？")
    assert_corrected(ans)
    assert any("十二项重大举措" in c.section for c in ans.citations)


@pytest.mark.parametrize(("question", "said"), CONTRADICTED)
def test_a_premise_the_sources_contradict_is_corrected(advisor: Advisor, question: str, said: str) -> None:
    ans = advisor.ask(question)
    assert_corrected(ans)
    assert said in ans.text


# Near misses of the rules above: true, or asked rather than claimed. Answered, with ``fact``.
NOT_CONTRADICTED = [
    ("2014年上海全市技术交易成交额667.99亿元，比2009年增长了35.7%，这个增速靠什么拉动的？", "35.7%"),
    ("课题组那个四步走路线图里，到2040年那一步被叫做什么类型的发展阶段？", "内生型"),  # "什么类型" asks
    ("课题组提的“四步走”路线里，哪年“基本建成”、哪年“全面建成”具有全球影响力的科创中心？", "2040"),  # both asked
    # a true recap in billions ("2.5 billion" is 25亿), one opening the quoted sentence ("35家…29家…；…7家"),
    # one the sentence before confirms ("…科技创业苗圃19家…。至2015年年底…苗圃90家")
    ("The sixth round of Shanghai's Performance Loan (履约贷) scheme was enlarged to 2.5 billion yuan. "
     "What was the total size of the fourth round?", "8.46"),
    ("创业板那35家沪企里有29家是小巨人，那2014、2015两年新上市的7家里，有几家不是小巨人？", "全部"),
    ("2015年新开了19家科技创业苗圃，那到年底全市累计有多少家苗圃？", "90"),
    ("Shanghai's maker-space alliance has 57 members, right?", "57"),
    ("上海众创空间联盟是首家区域性众创空间联盟吗？", "首家"),
    ("2014年浦江创新论坛提出了“协同创新，共享机遇”的新模式，这届论坛是谁主办的？", "科技部"),
    ("What's the name of the IP service firm set up by the CAS Shanghai Institutes for Biological Sciences that "
     "the paper cites as an example?", "盛知华"),  # the founder, in English words the sources' name shares
    ("履约贷第三期的总额度就已经到了10.38亿元，后面第六期增到了多少？", "25亿元"),
    ("The 5th tranche of the performance loan totalled 13.27亿元; how big was the 6th?", "25"),
    ("来自世界500强的跨国公司研发中心在上海占全国的1/3，对吗？", "1/3"),  # the part is named
    ("跨国公司在沪研发中心占全国约1/4，有多少家？", "370"),
    ("Fortune 500 R&D centres in Shanghai made up one third of the national total, right?", "1/3"),
    ("2014年浦江创新论坛是上海市政府和科技部联合举办的吗？", "科技部和上海市政府联合举办"),
    ("What does the hybrid development stage of 2030 involve?", "混合型"),
    ("2014年建成的107家孵化器里，民营孵化器只有33家，为什么这么少？", "33"),
    ("《关于加快建设具有全球影响力的科技创新中心的意见》就是“22条”吧？哪天通过的？", "5月25日"),
    ("“22条”是哪天审议通过的？支持科创中心建设的金融服务创新《实施意见》又是哪天出台的？", "8月21日"),  # two documents
    ("上海技术市场是1993年由科技部和上海市政府联合组建的，当时的宗旨是什么？", "宗旨"),
    ("按课题组的四步走路线，2040年上海要全面建成具有全球影响力的科技创新中心，那2050年的目标是什么？", "全球一流"),
    ("The October 2014 Pujiang Innovation Forum was co-hosted by the Ministry of Science and Technology and the "
     "Shanghai government. What new model did it put forward?", "协同创新"),
    ("2015年11月5日，上海市经济学会市场中介专委会与漕河泾新兴技术开发区联合举办的专题研讨会，专家归纳了哪些瓶颈问题？", "瓶颈"),
    ("论文拿哪两家由小微企业成长起来的科技巨头，来说明上海中小企业创新能力的短板？", "阿里巴巴"),  # asked, not claimed
    ("微贷通有几家银行参与合作？", "12"),  # the sentence names both products; the banks are in 微贷通's part
    ("创投贷调查走访了多少家获引导基金投资的企业？", "12"),
    # a body under another wording, or the body founded rather than a founder
    ("1993年科技部和上海市政府联手组建的那个全国首家国家级常设技术市场，宗旨是什么？", "宗旨"),  # 上海市人民政府
    ("自贸区是哪年挂牌的，后来海关推出了几项可复制推广的监管服务创新制度？", "14"),  # "后来海关" is 海关
    ("跟联合国开发计划署、商务部一起组建南南所的那家交易所叫什么？", "联合产权交易所"),  # ≈ 计划发展署
    ("联合国牵头的那个南南全球技术产权交易所，在上海具体落在哪个区、哪块地方？", "创智天地"),
    ("上海十届市委八次全会审议通过了什么文件？", "22条"),
    ("In April 2016 Shanghai Customs launched 14 supervision and service innovations for the Free Trade Zone. "
     "What did these reforms range from and to?", "简政放权"),
    ("On 5 November 2015 the Shanghai Economic Society's market-intermediary committee and Caohejing Hi-Tech Park "
     "co-hosted a seminar on building the innovation centre. What bottlenecks did the experts identify?", "瓶颈"),
    ("联合产权交易所2009年技术产权交易成交额比2008年增加了多少？", "73.7%"),  # the base the rise is on
    ("履约贷前六期的总额度大体上一期比一期多，但中间有一期反而比前一期缩水了。是第几期？", "8.46"),  # hedged
    ("What does the 22 Articles aim to build Shanghai into?", "综合性"),  # the document, still
    ("In 2015 Shanghai added 42 new technology business incubators and 62 new-type incubators. How many startup "
     "nurseries were added that year?", "19"),
    ("2015年上海扩大了研发费用税前加计扣除的范围，这对中小企业有什么影响？", "扩大"),
    ("上海理工技术转移有限公司是2007年成立的吧？它主要做什么？", "技术转移"),
    ("上海的国际化程度高吗？", "国际化程度高"),
    ("跨国公司在沪研发中心占全国约1/4，其中世界500强的研发中心占全国多少？", "1/3"),
    ("The \"22 Articles\" were adopted on 25 May 2015 by the eighth plenary session of the tenth Shanghai Municipal "
     "Party Committee, right?", "八次全会"),
    ("By what percentage had the 2009 deal volume of the United Assets and Equity Exchange fallen compared with "
     "pre-merger levels?", "72.4%"),
    ("2015年上海新增科技企业孵化器42家，对吧？", "42"),
    ("Of the 107 incubators built in Shanghai by 2014, only 33 (30.8%) were privately run. What problem does the "
     "paper use this figure to illustrate?", "33"),
    # a body named only where the question asks is claimed as no founder
    ("上海技术产权交易所是哪一年批准成立的？它后来并入的交易所又与哪两家机构共同组建了“南南所”？", "联合国计划发展署"),
    # a true recap held by a sentence of its own (shown with the answer), not by the one that answers
    ("2009年上海技术市场交易额比2008年只涨了1.34%，那同一年联合产权交易所的技术产权交易成交额比2008年增加了多少？", "73.7%"),
    # the right district, or one that is the asker's, not the body's
    ("南南所落户杨浦区之后，帮助了哪些企业实现走出去？", "上海电气集团"),
    ("徐汇区的企业能通过南南所走出去吗？", "上海电气集团"),
    ("2015年上海出台的“双创”政策分成了三类，分别是哪三类？", "三是"),
    ("按四步走路线图，上海到2030年就基本建成科创中心了吧？", "2030"),
    ("By 2040, will Shanghai have fully built its innovation centre with global influence?", "2040"),
    ("上海高校技术市场是上海市科委、教委和杨浦区政府在2010年共同筹建的吧？", "2010年1月15日"),
    ("上海技术市场经历了哪五个阶段？", "五个阶段"),
    ("2015年浦江创新论坛的主题是“全球创新网络汇聚共同利益”吗？", "全球创新网络汇聚共同利益"),
    ("履约贷是不是最高800万元？", "800万元"),
    ("At the Pujiang Innovation Forum held on 24-25 October 2014, what new model was put forward?", "协同创新"),
    ("Since the implementing opinions on financial services for the sci-tech innovation centre came out on 21 August "
     "2015, how many specific measures do they set out?", "20"),
    ("2009年上海技术市场交易额比2008年只涨了1.34%，那同一年联合产权交易所的技术产权交易成交额比2008年增加了多少？", "73.7%"),
    ("Given that Shanghai's per-capita GDP ranks third in China, what share of its GDP comes from "
     "technology-intensive industries?", "40%"),
    ("In 2015 Shanghai signed a sci-tech cooperation memorandum with an institute in Croatia. Which one?", "鲁杰博斯科维奇"),
    ("课题组提的“四步走”路线里，哪年“基本建成”、哪年“全面建成”具有全球影响力的科创中心？2050年的目标又是啥？", "全球一流"),
    ("上海技术产权交易所是2003年并进上海联合产权交易所的吧？", "2003年11月"),
    ("I read that the November 2015 seminar on building Shanghai's innovation centre was co-hosted at the "
     "Caohejing development zone's international incubation centre. Who co-hosted it?", "漕河泾"),
    ("Since about a quarter of multinational R&D centres in China were in Shanghai by August 2014, how many did "
     "Shanghai have?", "370"),
    ("上海建设科创中心有哪十大优势？", "十大优势"),
    ("听说到2012年底上海的市级开发区有2946个，这些园区为什么还会多而散？", "1203"),
    ("The November 2015 seminar on market intermediaries was co-hosted with the Caohejing development zone. What "
     "bottlenecks did the experts raise there?", "漕河泾"),
    ("我国第一家国家级常设技术市场是1993年由科技部和上海市政府一起办的，它当初的宗旨是什么？", "宗旨"),
    ("微贷通有没有引入保险公司？", "引进保险公司"),
    ("2015年11月5日那场研讨会是在哪里开的？", "漕河泾"),
    ("科技创新板首批挂牌的都是哪些行业的企业？", "生物医药"),
    ("按课题组的四步走路线，2040年上海要成为亚太地区科技创新的领跑之一，那2050年的目标又是什么？", "全球一流"),
    ("微贷通是给哪类企业的？", "小微科技企业"),
    ("听说2009年十家中介机构在杨浦创建的“杨浦实践基地”运行了一年，最后是因为什么撤掉的？", "经费问题"),
    ("2014年浦江创新论坛上提出了“协同创新，共享机遇”的新模式，当时请了多少位嘉宾？", "80多位"),
    ("上海盛知华知识产权服务公司是中科院上海生命科学研究院成立的吧？", "中国科学院"),
    ("技术产权交易所并入联合产权交易所以后，交易量和交易额是涨了还是跌了？专家认为问题出在哪？", "72.4%"),  # both asked
    ("上海理工技术转移有限公司是2007年7月成立的，后来成了国家技术转移示范机构，它主要做哪些业务？", "技术转移新模式"),
    ("听说上海众创空间联盟已经有57家会员了，我们想申请成为会员，需要准备什么？", "57家"),
    ("The 2014 Pujiang Innovation Forum was co-organised by the Ministry of Science and Technology and the "
     "Shanghai government, right? Which theme did it propose?", "科技部"),
    ("2050年上海要建成全球一流科技创新中心吗？", "全球一流"),
    ("Weidaitong brings insurers in, right? How many banks take part?", "12"),
    ("微贷通引进了保险公司，那有几家银行参与？", "12家银行"),
    ("The roadmap has four stages — what is the goal of the final stage?", "2050"),
    ("“22条”是市委八次全会通过的吧？", "2015年5月25日"),
    # "three stages" of the incubation chain are not the technology market's "五个阶段"
    ("The paper talks about an integrated incubation chain for tech start-ups. What are the three stages it wants "
     "linked up?", "加速器"),
    ("Was the Shanghai Maker Space Alliance the first regional maker-space alliance in the world?", "首家"),
    ("上海高校技术市场是谁牵头建的？", "杨浦区政府"),
    ("南南所是2008年成立的吧？", "2008年12月9日"),
    ("Were the first companies on the Sci-Tech Innovation Board mostly internet and biomedicine firms?", "互联网"),
    ("29 of the 35 Shanghai companies on ChiNext had received Little Giant support — what share is that?", "82.9%"),
    ("联合国南南全球技术产权交易所是由上海联合产权交易所与联合国计划发展署和国家商务部共同组建的吗？", "2008年12月9日"),
    ("上海高校技术市场是上海市科委、教委和杨浦区政府联合组建的吧？", "2010年1月15日"),
]


@pytest.mark.parametrize(("question", "fact"), NOT_CONTRADICTED)
def test_a_true_or_asked_premise_is_answered(advisor: Advisor, question: str, fact: str) -> None:
    ans = advisor.ask(question)
    assert not ans.abstained and fact in ans.text
    assert_grounded(ans)


@pytest.mark.parametrize(
    "question",
    [
        # the quotes' 22 names a document ("“22条”") and their 8 is a month ("2015年8月21日"): neither counts
        # the opinion's measures or areas (it has 20 measures in 8 areas)
        "The August 2015 implementation opinion on financial services for the innovation centre set out 22 specific "
        "measures across 8 areas — which of those 22 help seed-stage startups?",
        "2015年8月出台的金融《实施意见》从8个方面提出了22条具体政策措施吧？",
    ],
)
def test_a_count_of_measures_is_not_confirmed_by_a_name_or_a_date(advisor: Advisor, question: str) -> None:
    ans = advisor.ask(question)
    assert ans.abstained, ans.text
    assert "22" not in ans.text.replace("“22条”", "")
