"""Exact and near-duplicate grouping and campaigns on a small labelled set."""

import itertools
import random

from renda.legislation.grouping import group_texts, normalise, signatures

TEMPLATE = (
    "我们坚决反对草案第十二条关于停车收费标准由企业自行确定的规定，应当由政府定价并公开听证。"
)
OTHERS = [
    "建议第三条增加社区居民委员会的协助义务。",
    "第九条罚款幅度过宽，建议区分首次违法和多次违法。",
    "老旧小区充电设施建设费用由谁承担应当写清楚。",
    "建议明确物业服务企业的巡查和报告责任。",
    "第五条的年龄要求与道路交通安全法不一致。",
    "建议给外卖骑手设置专门的停放区域。",
    "电动自行车登记应当可以网上办理，方便群众。",
    "建议删除第七条第二款，实践中难以执行。",
]


def edit(rng, text):
    chars = list(text)
    for _ in range(1):  # threshold 0.7: about one edit per 40 characters still groups
        i = rng.randrange(len(chars))
        chars[i] = rng.choice("的了是在有和")
    return "".join(chars) + rng.choice(["", "请采纳！", "我是业主。"])


def labelled():
    rng = random.Random(1)
    texts, labels = [], []
    for _ in range(40):
        texts.append(edit(rng, TEMPLATE))
        labels.append("campaign")
    for n, text in enumerate(OTHERS):
        texts.append(text)
        labels.append(f"own{n}")
    texts += [
        "建议第三条增加社区居民委员会的协助义务。",
        "建议第三条增加社区居民委员会的协助义务！",
    ]
    labels += ["own0", "own0"]
    return texts, labels


def test_normalise_drops_punctuation_space_and_width():
    assert normalise("建议 第三条，ＡＢ！") == normalise("建议第三条ab")


def test_identical_signatures_for_identical_texts_and_shape():
    sig = signatures(["第一条 规定", "第一条 规定", "完全不同的内容在这里"])
    assert sig.shape == (3, 30)
    assert (sig[0] == sig[1]).all()
    assert (sig[0] != sig[2]).sum() > 20


def test_grouping_is_precise_on_the_labelled_set():
    texts, labels = labelled()
    result = group_texts(texts, campaign_min=10)
    pairs = list(itertools.combinations(range(len(texts)), 2))
    same_found = {(i, j) for i, j in pairs if result.group[i] == result.group[j]}
    same_true = {(i, j) for i, j in pairs if labels[i] == labels[j]}
    precision = len(same_found & same_true) / len(same_found)
    recall = len(same_found & same_true) / len(same_true)
    assert precision == 1.0
    assert recall >= 0.95
    assert list(result.campaigns().values()) == [40]
    assert result.is_campaign().sum() == 40


def test_representative_is_the_commonest_wording_and_nothing_is_lost():
    texts = ["甲意见内容比较长一些的文字", "乙意见完全不同的另一段话语"] + [
        "丙丙丙建议条文修改为如下内容"
    ] * 3
    result = group_texts(texts, campaign_min=3)
    assert len(result.group) == len(texts)
    group = int(result.group[2])
    assert group == 2 and result.representative[group] == 2
    assert result.campaigns() == {2: 3}
    assert result.groups() == {2: 3}


def test_empty_and_short_texts():
    assert len(group_texts([]).group) == 0
    result = group_texts(["好", "好", "差"])
    assert result.group.tolist() == [0, 0, 2]
