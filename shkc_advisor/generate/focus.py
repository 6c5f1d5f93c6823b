"""What a question asks for (a rate, a deadline, names, a definition…), each with the kind of
evidence that would have to be present to answer it, and how a refusal names it. Data for
``analysis.analyse`` (the cue) and the extractive answerer (the evidence)."""

from __future__ import annotations

import re

# What a question asks for, with the evidence that would have to be present to answer it.
FOCUS: dict[str, tuple[re.Pattern[str], re.Pattern[str], str, str]] = {
    # (a tax rate before any rate: an interest rate in the evidence — "自贸试验区率先实行利率市场化" — is none)
    "tax": (
        re.compile(r"税率|tax rate|增值税|\bvat\b", re.I),
        re.compile(r"税率|\d+(?:\.\d+)?\s*[%％]的?(?:企业)?所得税|增值税"),
        "税率",
        "a tax rate",
    ),
    "rate": (
        re.compile(
            r"利率|利息|年化|费率|手续费|服务费|收费|佣金|汇率|税率|所得税|会费|年费|房租|租金|免租|"
            r"几个点|多少个点|便宜|划算|\bcheaper\b|"  # "贴息几个点": points of interest; "比…便宜多少": a cost
            r"interest|\bapr\b|\bfees?\b|tax rate|"
            # (a fee, not a body: "the science / education commission")
            r"(?<!science )(?<!sci-tech )(?<!technology )(?<!education )(?<!commerce )commission(?!s|'s|’s)(?! of)|"
            r"\b(loan|lending|prime|base|deduction) rate|"
            r"加计扣除比例|扣除比例|扣除率|deduction (ratio|percentage)|"
            r"(挂牌|上市|注册|申请|中介|咨询|管理|入驻|评估)费|"
            r"\b(usd|cny|rmb|dollar|yuan|euro)\b.{0,15}\brate\b|"
            r"charges?\b|exchange rate|membership fee|\brent(al)?\b",
            re.I,
        ),
        re.compile(r"利率|利息|贴息|费率|手续费|收费|汇率|税率|会费|租金|房租|免租"),
        "利率或费用",
        "an interest rate or fee",
    ),
    "term": (
        # "隔了多久" (time between two events) is a time question, not a loan term.
        re.compile(
            r"期限|(?<!隔了)(?<!相隔)(?<!过了)(?<!间隔)多久|多长时间|还款期|贷款期|how long|repayment (period|term)|"
            r"(多少|(?<![那这哪])几)\s*(天|周|个?星期|个月)|"  # not "那几天"
            r"how many (working |business |calendar )?(days|weeks|months)|"
            r"loan term|maturity|tenor",
            re.I,
        ),
        # "期限", "3个月", "仅仅实践了一年" (not "2009年")
        re.compile(r"期限|\d+\s*(个月|年期|天)|(?<![\d一二三四五六七八九十])[一两三四五六七八九十]\s*(个月|年|天)"),
        "期限或时长",
        "a term or duration",
    ),
    "deadline": (
        re.compile(
            r"截止|截至日期|申报时间|申请时间|受理时间|什么时候.{0,6}(申请|申报|提交)|"
            r"什么时候(开始|结束)(申请|申报|受理)|何时.{0,4}(申请|申报)|"
            r"几月.{0,4}(申请|申报)|deadline|due date|application (window|period)|"
            r"when (can|should|do|must|will) (i|we|you)",
            re.I,
        ),
        re.compile(r"截止|截至\d|受理时间|申报时间"),
        "申请时间或截止日期",
        "an application period or deadline",
    ),
    "contact": (
        re.compile(
            r"电话|联系方式|联系人|邮箱|热线|网址|网站|微信|公众号|phone|telephone|e-?mail|hotline|"
            r"contact|website|\burl\b|wechat|找谁对接|跟谁对接|找谁",
            re.I,
        ),
        re.compile(r"电话|邮箱|网址|http|热线|@"),
        "联系方式",
        "contact details",
    ),
    "address": (
        re.compile(
            # (not "办公地点落在哪个区/在上海哪里/落户在上海哪个地方": where it sits, which the sources may well name)
            r"地址|办公地点(?!.{0,8}(哪个区|哪里|哪儿|哪个地方|什么地方|哪个位置))|在哪(里|儿)?(办理|申请|提交|领取|递交)|去哪(里|儿)?(办|申请)|窗口在|"
            r"address|office location|where (do|can|should|to) (i|we)?\s*(apply|submit|go|register)|"
            r"where (exactly )?is .{0,80}(office|located|based)|在哪(里|儿)办公|"
            r"which (district |local |government )?(office|department|bureau|window)|"
            r"(去|找|到)哪个(部门|窗口|办公室)|哪个(部门|窗口|办公室)(办理|申请|受理)",
            re.I,
        ),
        re.compile(r"地址|\d+号|路\d|窗口"),
        "办理地点或地址",
        "an address or office location",
    ),
    "countries": (
        re.compile(r"(设在|分布在|在)哪(些|几个)国家|哪(些|几个)国家|which countries|what countries|in which countries",
                   re.I),
        re.compile(
            r"美国|英国|法国|德国|日本|韩国|印度|巴西|俄罗斯|南非|埃及|泰国|越南|印尼|印度尼西亚|马来西亚|新加坡|菲律宾|"
            r"巴基斯坦|肯尼亚|尼日利亚|埃塞俄比亚|克罗地亚|以色列|加拿大|澳大利亚|意大利|西班牙|荷兰|瑞士|瑞典|芬兰|"
            r"波兰|捷克|匈牙利|阿根廷|墨西哥|智利|哈萨克斯坦|蒙古|柬埔寨|老挝|缅甸|斯里兰卡|孟加拉|伊朗|土耳其|沙特|阿联酋"
        ),
        "具体国家",
        "which countries",
    ),
    # a person's name: the paper names no office-holder (only its own author)
    "person": (
        re.compile(
            r"who (currently |now )?(runs|heads|leads|chairs|(is|was) (the |its )?(first |founding |current )?"
            r"(director|head|leader|chair|chairman|president))|负责人(是谁|叫什么|是哪位|姓什么)|谁是.{0,8}负责人|谁负责|谁在管|"
            r"[\u4e00-\u9fff]{0,3}(长|主任|主席|书记|领导|总经理|总裁)是谁|(首任|第一任)",
            re.I,
        ),
        re.compile(r"(主任|所长|理事长|秘书长|总经理|主席|书记|局长|院长|负责人)[：:\s]?[\u4e00-\u9fff]{2,3}(?=[，,。；\s（(])"),
        "负责人的姓名",
        "the name of the person in charge",
    ),
    "names": (
        re.compile(
            r"哪(些|几家|家)(银行|保险公司|担保公司)|具体(都)?是哪(几家|[两二三四五六七八九十]家|\s*\d+\s*家)|"
            # (which bodies, not which items of a list: "“十大项目建设”具体是哪些？")
            r"(企业|公司|银行|机构|高校|大学|单位|家)[^，。？?]{0,10}具体(都)?是哪些|"
            r"which (bank|insurer|guarantor)\b|"
            r"(都是|分别是)哪些(公司|企业|银行|机构|高校|大学)|"
            r"(银行|保险公司|担保公司).{0,8}(都是)?哪(些|几家)(?!类|种)|"  # (not "哪些类型的机构": kinds)
            r"which (\d+ )?(specific |particular )?(banks|insurers|insurance companies|guarantee (firms|companies)|"
            r"companies|firms|enterprises|(start-?up )?teams|start-?ups)\b|"
            r"names? of (?:the |those |these |all (?:the )?)?(?:\d+ )?"
            r"(banks|insurers|insurance companies|guarantee (firms|companies)|"
            r"companies|firms|enterprises)|"
            r"list (the |all )?(\d+ )?(names|companies|firms|banks|members|universities|institutions|organi[sz]ations)|"
            r"名单|列出.{0,6}(企业|公司|银行)|"
            r"\bname (the|all|those|these) .{0,30}(companies|firms|banks|members|organi[sz]ations|teams|incubators|"
            r"universities|institutions|stations|accelerators|nurseries)|"
            r"which organi[sz]ations (are|were) the|"
            r"(企业|公司|银行|机构|会员|团队)[^？?]{0,8}(叫什么|什么名字|名称)|(报|说|举)(几|一)?个?名字",
            re.I,
        ),
        # a named institution: two name characters right before 银行/保险/担保, not a count
        # ("12家银行") or a verb or a generic qualifier ("引进保险公司", "商业银行")
        re.compile(
            r"(?<!引进)(?<!引入)(?<!鼓励)(?<!支持)(?<!推动)(?<!联合)(?<!合作)(?<!通过)(?<!相关)(?<!各类)(?<!商业)"
            r"(?<=[^\d\s家个等和及的与、，,。；;]{2})(银行|保险公司|担保公司|有限公司|集团)"
        ),
        "具体机构或人员名称",
        "the names of the institutions or people",
    ),
    "issuer": (
        re.compile(
            r"which (body|department|agency|authority|government body|office) .{0,20}(issued|published|released)|"
            r"(哪个|什么|哪一?级)(部门|机构|单位|政府)(发布|出台|印发|发的)|由谁(发布|出台|印发)|谁(发布|出台|印发)的",
            re.I,
        ),
        re.compile(r"(政府|市委|科委|国务院|办公厅|管理局|委员会|人民银行|银监局|金融办)[^。；]{0,12}(发布|出台|印发|制定)"),
        "发布机关",
        "which body issued it",
    ),
    "docnum": (
        re.compile(r"发文字号|文号|document number|reference number", re.I),
        re.compile(r"[〔\[(（]\s*(19|20)\d\d\s*[〕\])）]\s*\d+\s*号"),
        "发文字号",
        "the document number",
    ),
    "process": (
        re.compile(
            r"申请流程|申报流程|办理流程|申请条件|申报条件|申请资格|资格条件|准入|门槛|需要(哪些|什么)(材料|资料|条件)|"
            r"材料清单|提交(哪些|什么)|(哪些|什么)(材料|证明)|(准备|提交|提供|带)(哪些|什么)(资料|文件)|怎么申请|如何申请|如何申报|怎么申报|怎样申请|申请步骤|"
            r"eligib|requirement|documents? (are )?(needed|required)|how to apply|(what|which) documents|"
            r"documents? .{0,20}(need|prepare|submit)|"
            r"how (do|can|should|would) (i|we) (apply|claim|get|obtain|join|sign up|register|qualify)|"
            r"sign up|怎么(加入|入会|报名|领取|申领)|如何(加入|入会|报名|领取|申领)|"
            r"application (process|procedure|steps|forms?)|申请表|申报表|(下载|领取)(表格|表单)|download|qualif|"
            r"(需要|要不要|要|用什么|能否|可以|能不能)抵押|抵押(物|品|吗|要求)|有(什么|哪些)要求|要求是什么|有要求吗|有没有要求|"
            r"怎么算|如何计算|怎么计算|计算方法|how is .{0,30} calculated|"
            r"(什么|哪些|啥)(具体的?)?[\u4e00-\u9fff]{0,2}(条件|要求)|(什么|哪些|啥)[^，,。？?]{0,8}或[^，,。？?]{0,6}(条件|要求)|条件是什么|有资格|(起码|最低|至少)要|"
            r"what requirements|担保物|担保方式|认定标准|认定条件|(需要|要求|必须|须)[^？?，,]{0,12}达到多少|"
            r"collateral|threshold(?!\s+(?:did|does|do|has|had|was|is)\b)|criteria|"
            r"recogni[sz]ed as|to be recogni[sz]ed|硬性门槛|"
            r"minimum (revenue|profit|turnover|sales|size|capital)|"
            r"(does|do) (a|the|my|our) (company|firm|start-?up) need|"
            r"(打分|评分|评审|审批)(的)?(标准|细则|办法)|scoring (rules|criteria)",
            re.I,
        ),
        re.compile(r"申请条件|申报条件|须提交|应当具备|申请材料|流程为|步骤|质押"),
        "申请条件、材料或流程",
        "eligibility rules, documents or the application procedure",
    ),
    "hours": (
        # when a place opens: "上海自然博物馆几点开门？" (its opening day is no answer)
        re.compile(
            r"几点(钟)?(开门|关门|开放|营业|上班|下班|开馆|闭馆)|(开放|营业|办公|工作|受理)时间(?!表)|"
            r"(opening|office|business|working) hours|what time (does|do|is|are) .{0,40}(open|close)",
            re.I,
        ),
        re.compile(r"\d{1,2}\s*[:：]\s*\d\d|\d{1,2}\s*点(?!\d)|(上午|下午|晚上)\s*\d"),
        "开放或办公时间",
        "opening or office hours",
    ),
    "day": (
        # the day something happened: "几月几号开的？" is not answered by the year alone
        re.compile(r"几月几[号日]|几号|哪一?天|具体日期|什么日子|\b(?:what|which|exact) (?:date|day)\b|on what date",
                   re.I),
        re.compile(r"\d{1,2}\s*[日号]|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|"
                   r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s+\d{1,2}\b", re.I),
        "具体日期",
        "the exact date",
    ),
    "status": (
        # whether something still runs today: a 2016 paper cannot say
        re.compile(
            r"还能用吗|还能申请吗|还有效吗|还在(执行|实施|运行)吗|(现在|目前|如今)还(能|可以)(用|申请|办)|"
            r"still (valid|available|running|open|in effect|in force)|is it still (running|available|open|valid)",
            re.I,
        ),
        re.compile(r"截至目前|目前仍|现仍|至今仍|仍在(执行|实施)"),
        "现行状态",
        "whether it is still in force today",
    ),
    "meaning": (
        # "what does the X in 3+X stand for": a mention of the name is not its definition
        re.compile(
            # (what a name *stands for*; "是什么意思" about a concept is answered by "X是…")
            r"stands? for|what exactly (are|is) the ['‘\"]|指什么|指的是什么|代表什么|具体指|指哪",
            re.I,
        ),
        re.compile(r"是指|指的是|[，,（(]即|即[：:“]|分别是|分别为|分别指|包括|包含|由.{0,20}组成|含义|意思是|代表|简称|全称"),
        "这个名称的含义",
        "what the name stands for",
    ),
}
