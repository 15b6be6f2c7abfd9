"""Demo of 清河区: the 2026 projects voted and under way, and 2027 collecting citizens' proposals."""

import datetime as dt
import random

from renda.core.demo import DemoContext, register
from renda.directory.models import Organization
from renda.projects import services
from renda.projects.models import Project, Round

CANDIDATES_2026 = [
    (
        "老旧小区加装电梯",
        "区住房和城乡建设局",
        "1800",
        "为北门、南湖街道 24 个老旧小区加装电梯 60 部。",
    ),
    ("社区老年食堂", "区民政局", "650", "新建社区老年食堂 12 个，为 70 岁以上老人提供助餐服务。"),
    ("中小学校园提升", "区教育局", "2200", "改造 8 所中小学的运动场、食堂和厕所。"),
    ("农村道路提档升级", "区交通运输局", "3100", "改造柳岸镇、石桥镇农村公路 45 公里。"),
    ("城区停车泊位", "区城市管理局", "900", "新增公共停车泊位 1500 个，建设智慧停车系统。"),
    ("社区卫生服务中心改造", "区卫生健康委员会", "1300", "改造 4 个社区卫生服务中心，增设康复科。"),
    ("河道综合整治", "区水利局", "2600", "整治清河支流 6 公里，建设滨河步道。"),
]
PROPOSALS_2027 = [
    ("南湖公园增加公共厕所", "公园里只有一个厕所，周末排队很长，建议增加两处。", "李阿姨"),
    ("石桥村修建文化广场", "村里没有活动场地，老人孩子晚上没地方去。", "石桥村村民"),
    ("学校门口设置护学岗和接送区", "清河中学门口上下学拥堵，孩子过马路危险。", "家长"),
    ("增设社区充电桩", "电动车在楼道充电有隐患，希望在小区设集中充电桩。", ""),
]


@register("projects", order=60)
def load_projects(context: DemoContext) -> None:
    """Create the 2026 round (voted, in progress) and the 2027 round (collecting)."""
    district = context.district
    if Round.objects.filter(congress=district).exists():
        return
    staff, unit_user = context.users["staff"], context.users["unit"]
    rng = random.Random(2026)
    units = {o.name: o for o in Organization.objects.filter(congress=district)}
    round_ = services.round_create(
        congress=district, year=2026, title="2026年清河区民生实事项目", seats=5, actor=staff
    )
    for title, unit, budget, scope in CANDIDATES_2026:
        services.candidate_save(
            round=round_, title=title, scope=scope, budget=budget, unit=units[unit],
            starts_on=dt.date(2026, 3, 1), ends_on=dt.date(2026, 12, 31), actor=staff,
        )  # fmt: skip
    services.round_publish(round=round_, comment_until=dt.date(2026, 1, 10), actor=staff)
    vote = services.vote_open(round=round_, actor=staff)
    ids = list(round_.projects.order_by("id").values_list("pk", flat=True))
    weights = [0.9, 0.85, 0.8, 0.5, 0.75, 0.7, 0.3]
    for elector in vote.electors.select_related("deputy").order_by("deputy__name_pinyin"):
        if rng.random() < 0.06:
            continue  # absent
        chosen = [pk for pk, w in zip(ids, weights, strict=True) if rng.random() < w][:5]
        services.paper_voter_record(vote=vote, deputy=elector.deputy, actor=staff)
        services.paper_ballot_enter(vote=vote, choices=chosen, actor=staff)
    services.vote_count(vote=vote, actor=staff)
    lift = round_.projects.get(title="老旧小区加装电梯")
    if lift.state == Project.State.ADOPTED:
        services.milestone_add(project=lift, title="完成设计和招标", due_on=dt.date(2026, 4, 30),
                               actor=unit_user)  # fmt: skip
        services.check_in_record(
            project=lift, stage="arrangement", held_on=dt.date(2026, 3, 20), actor=staff,
            findings="实施方案已制定，24 个小区中 20 个已完成居民意见征询。",
            requests="加快剩余 4 个小区的协调，6 月底前全部开工。",
        )  # fmt: skip
        services.progress_report(project=lift, percent=35, spent="520", actor=unit_user,
                                 summary="已开工 14 部，完工 6 部。")  # fmt: skip
        services.progress_report(project=lift, percent=62, spent="980", actor=unit_user,
                                 summary="已开工 40 部，完工 30 部，投入使用 22 部。")  # fmt: skip
        services.check_in_record(
            project=lift, stage="progress", held_on=dt.date(2026, 7, 15), actor=staff,
            findings="代表视察 6 个小区，居民反映良好；个别小区施工噪声扰民。",
            requests="合理安排施工时间，午休和夜间停止施工。",
        )  # fmt: skip
    services.round_create(
        congress=district, year=2027, title="2027年清河区民生实事项目", seats=5, actor=staff
    )
    for n, (title, body, name) in enumerate(PROPOSALS_2027):
        services.proposal_submit(congress=district, title=title, body=body, name=name,
                                 source_label="网上点单", idempotency_key=f"demo-{n}")  # fmt: skip
