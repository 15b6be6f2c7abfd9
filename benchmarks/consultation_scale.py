"""Group a national-scale consultation: N opinions on a 100-article draft, campaigns planted.

Builds the opinions in memory (ordinary opinions composed from varied fragments; campaigns that
are thousands of copies of a template with small edits: characters changed, dropped or added,
a personal line appended, punctuation changed), counts them per article and runs the grouping
the app runs (`renda.legislation.grouping.group_texts`). Baseline in the same process: hashing
the normalised texts only (exact duplicates). Last line:
`seconds=… baseline_seconds=… peak_mb=… opinions=… groups=… campaigns=…
campaign_recall=… campaign_purity=…`
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from renda.legislation.grouping import group_texts, normalise

SUBJECTS = [
    "物业服务企业", "业主委员会", "街道办事处", "住房城乡建设主管部门", "社区居民委员会",
    "养犬人", "电动自行车所有人", "餐饮服务经营者", "停车场经营者", "房屋出租人", "承租人",
    "养老服务机构", "学校", "医疗机构", "网络平台", "志愿服务组织", "村民委员会", "行政执法部门",
]  # fmt: skip
VERBS = [
    "应当明确", "建议增加", "建议删除", "不宜规定", "应当细化", "建议放宽", "建议从严规定",
    "应当公开", "需要补充", "应当统一", "建议参照上位法", "建议区分情形规定",
]  # fmt: skip
OBJECTS = [
    "收费标准", "公示期限", "处罚幅度", "投诉渠道", "监督责任", "补偿办法", "适用范围", "法律责任",
    "信息公开方式", "应急处置程序", "维修资金使用", "充电设施建设", "噪声管控时段", "犬只登记程序",
    "停车泊位分配", "老年人助餐服务", "无障碍设施",
    "垃圾分类投放点", "租赁合同备案", "消防通道管理",
]  # fmt: skip
REASONS = [
    "否则基层难以执行", "实践中争议较多", "群众反映强烈", "与上位法表述不一致", "期限过短难以落实",
    "缺少配套措施", "容易产生推诿", "老年人操作不便", "小区情况差异很大", "执法依据不足",
    "建议听取业主意见", "建议设置过渡期", "可借鉴外地做法", "应当兼顾各方利益", "费用负担不明确",
]  # fmt: skip
PLACES = ["北门", "南湖", "柳岸", "石桥", "湖滨", "文昌", "新城", "东关", "西苑", "河埠"]
FILLER = "的了在是和有我们对也要就都而及与着或一个没有这那会能可以为因为所以但是如果并且时候现在"


def ordinary(rng: random.Random, article: int) -> str:
    """Return an opinion written by one person: a few varied clauses about an article."""
    parts = [f"第{article}条" if rng.random() < 0.6 else "本条例"]
    for _ in range(rng.randint(2, 4)):
        parts.append(
            rng.choice(SUBJECTS)
            + rng.choice(VERBS)
            + rng.choice(OBJECTS)
            + "，"
            + rng.choice(REASONS)
        )
    if rng.random() < 0.7:
        parts.append(
            f"我住在{rng.choice(PLACES)}{rng.randint(1, 99)}号，"
            + "".join(rng.choices(FILLER, k=rng.randint(4, 12)))
        )
    return "，".join(parts) + "。"


def template(rng: random.Random, n: int) -> str:
    """Return a campaign's template: a long, specific position."""
    return (
        f"我们坚决{'反对' if n % 2 else '支持'}草案第{rng.randint(1, 100)}条关于"
        f"{rng.choice(OBJECTS)}和{rng.choice(OBJECTS)}的规定，"
        f"{rng.choice(SUBJECTS)}{rng.choice(VERBS)}{rng.choice(OBJECTS)}，"
        f"{rng.choice(REASONS)}，{rng.choice(REASONS)}，请立法机关认真研究第{n + 1}号联名意见。"
    )


def edit(rng: random.Random, text: str) -> str:
    """Return a copy with small edits, as people make when they paste a template."""
    chars = list(text)
    for _ in range(rng.randint(0, 4)):
        i = rng.randrange(len(chars))
        op = rng.random()
        if op < 0.4:
            chars[i] = rng.choice(FILLER)
        elif op < 0.7:
            del chars[i]
        else:
            chars.insert(i, rng.choice(FILLER))
    out = "".join(chars)
    if rng.random() < 0.3:
        out = out.replace("，", ", ")
    if rng.random() < 0.4:
        out += rng.choice(
            ["强烈要求！", "我是本市居民。", f"{rng.choice(PLACES)}社区业主", "请采纳"]
        )
    return out


def build(size: int, seed: int = 7) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Return texts, their article numbers (0 = whole draft) and planted campaign labels (-1)."""
    rng = random.Random(seed)
    campaign_share = 0.3
    n_campaigns = max(2, min(40, size // 25_000))
    copies = int(size * campaign_share)
    weights = [rng.uniform(0.5, 2.0) for _ in range(n_campaigns)]
    total = sum(weights)
    per = [max(20, int(copies * w / total)) for w in weights]
    texts: list[str] = []
    labels: list[int] = []
    articles: list[int] = []
    for c, count in enumerate(per):
        base = template(rng, c)
        article = rng.randint(1, 100)
        for _ in range(count):
            texts.append(edit(rng, base))
            labels.append(c)
            articles.append(article)
    while len(texts) < size:
        article = rng.randint(0, 100)
        texts.append(ordinary(rng, article))
        labels.append(-1)
        articles.append(article)
    order = list(range(len(texts)))
    rng.shuffle(order)
    return (
        [texts[i] for i in order],
        np.array([articles[i] for i in order]),
        np.array([labels[i] for i in order]),
    )


def score(group: np.ndarray, is_campaign: np.ndarray, planted: np.ndarray) -> tuple[float, float]:
    """Return (recall, purity) of found campaigns against the planted ones."""
    found = 0
    total = int((planted >= 0).sum())
    for c in np.unique(planted[planted >= 0]):
        members = (planted == c) & is_campaign
        if members.any():
            found += Counter(group[members].tolist()).most_common(1)[0][1]
    pure = 0
    size = int(is_campaign.sum())
    for g in np.unique(group[is_campaign]):
        labels = planted[group == g]
        counts = Counter(labels[labels >= 0].tolist())
        pure += counts.most_common(1)[0][1] if counts else 0
    return found / max(total, 1), pure / max(size, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=1_000_000)
    args = parser.parse_args()
    texts, articles, planted = build(args.size)

    started = time.perf_counter()
    {hash(normalise(t)) for t in texts}
    baseline = time.perf_counter() - started

    started = time.perf_counter()
    per_article = np.bincount(articles, minlength=101)
    result = group_texts(texts)
    seconds = time.perf_counter() - started

    recall, purity = score(result.group, result.is_campaign(), planted)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"articles_with_opinions={int((per_article > 0).sum())} "
        f"planted={len(set(planted.tolist())) - 1}"
    )
    print(
        f"seconds={seconds:.2f} baseline_seconds={baseline:.2f} peak_mb={peak_mb:.0f} "
        f"opinions={len(texts)} groups={len(result.groups())} campaigns={len(result.campaigns())} "
        f"campaign_recall={recall:.3f} campaign_purity={purity:.3f}"
    )


if __name__ == "__main__":
    main()
