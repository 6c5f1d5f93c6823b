"""False premises the sources contradict in words rather than figures: a rank, where something
emerged, which exchange runs a board. Each is refused as asked, the correction cited."""

from __future__ import annotations

import pytest

from shkc_advisor import Advisor

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
    ["课题组提出的战略路线最后一步是哪年？", "What is the last step of the research group's four-step roadmap?"],
)
def test_the_last_step_is_the_lists_last_item_even_in_the_next_chunk(advisor: Advisor, question: str) -> None:
    ans = advisor.ask(question)
    assert "2050" in ans.text
    assert_grounded(ans)
