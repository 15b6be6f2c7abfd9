"""Demo suggestions of 清河区, in every stage, tied to the demo accounts."""

import datetime as dt

from django.utils import timezone

from renda.core.demo import DemoContext, register
from renda.directory.models import Organization
from renda.suggestions import handling, services
from renda.suggestions.models import ReplyTemplate, Suggestion

TEXTS = [
    ("关于在北门社区增设电动自行车集中充电设施的建议",
     "北门社区老旧小区多，居民电动自行车“飞线充电”现象突出，存在火灾隐患。建议在社区内增设集中充电设施，并明确后续管理责任。",
     "urban"),
    ("关于改善南湖街道老旧小区排水设施的建议",
     "南湖街道部分老旧小区每逢汛期积水严重，影响居民出行。建议将其纳入老旧小区改造计划，对雨污管网进行改造。",
     "urban"),
    ("关于加强校园周边食品安全监管的建议",
     "清河中学周边流动摊贩较多，食品安全难以保障。建议市场监管部门加强巡查，建立长效监管机制。",
     "health"),
    ("关于推进纺织服装产业园配套道路建设的建议",
     "纺织产业园内部道路狭窄，货车通行困难，制约企业发展。建议加快推进园区配套道路建设。",
     "economy"),
    ("关于规范行政执法文书送达程序的建议",
     "部分行政执法文书送达不规范，引发争议。建议司法行政部门统一送达程序，加强执法人员培训。",
     "law"),
    ("关于在石桥镇增设养老服务站的建议",
     "石桥镇老龄人口比例高，养老服务资源不足。建议在石桥镇增设养老服务站，提供日间照料服务。",
     "social"),
]  # fmt: skip


@register("suggestions", order=30)
def load_suggestions(context: DemoContext) -> None:
    """Create the demo suggestions unless there are some already."""
    district = context.district
    if Suggestion.objects.filter(congress=district).exists():
        return
    users = context.users
    deputy, deputy2, staff = users["deputy"], users["deputy2"], users["staff"]
    housing = Organization.objects.get(congress=district, name="区住房和城乡建设局")
    market = Organization.objects.get(congress=district, name="区市场监督管理局")
    justice = Organization.objects.get(congress=district, name="区司法局")
    transport = Organization.objects.get(congress=district, name="区交通运输局")

    def draft(n: int, author):
        title, body, category = TEXTS[n]
        return services.suggestion_draft(
            congress=district, title=title, body=body, category=category, actor=author
        )

    def registered(n: int, author, **kwargs):
        suggestion = services.suggestion_submit(suggestion=draft(n, author), actor=author)
        return services.suggestion_register(suggestion=suggestion, actor=staff, **kwargs)

    # 1. A draft with an invited co-signer.
    first = draft(0, deputy)
    services.suggestion_invite(suggestion=first, users=[deputy2], kind="joint", actor=deputy)
    # 2. Submitted, waiting to be registered.
    services.suggestion_submit(suggestion=draft(1, deputy2), actor=deputy2)
    # 3. Key suggestion assigned to the housing bureau, with a team and a talk.
    key = registered(3, deputy, is_complex=True)
    services.suggestion_assign(
        suggestion=key, lead_unit=housing, co_units=[transport],
        task="研究推进产业园配套道路建设", duties="区住房和城乡建设局牵头，区交通运输局配合",
        requirements="与代表面商后形成实施方案", actor=staff,
    )  # fmt: skip
    handling.suggestion_supervise(
        suggestion=key, plan="常委会领导领衔督办，每季度调度一次进度，代表全程参与。",
        members=[("gov_leader", "副区长 李明"), ("committee_leader", "常委会副主任 刘建华"),
                 ("special_committee", "财政经济工作委员会"), ("deputy_affairs", "代表工委")],
        actor=staff,
    )  # fmt: skip
    handling.activity_record(
        suggestion=key, kind="talk", held_on=timezone.localdate(),
        summary="王晓梅组织张志强代表与区住房和城乡建设局面商，明确分两期建设。", actor=staff,
    )  # fmt: skip
    # 4. Replied with a B-class commitment, waiting for the deputy's evaluation.
    replied = registered(2, deputy)
    services.suggestion_assign(
        suggestion=replied, lead_unit=market, task="加强校园周边食品安全监管", actor=staff
    )
    handling.reply_submit(
        suggestion=replied, result_class="B", actor=users["filer"],
        body="我局已将校园周边食品安全纳入年度重点监管计划，每周开展联合巡查。",
        commitments=[("建立校园周边食品安全长效监管机制", timezone.localdate() + dt.timedelta(days=90))],
    )  # fmt: skip
    # 5. Unsatisfied once, handled again, then satisfied.
    closed = registered(4, deputy2)
    services.suggestion_assign(
        suggestion=closed, lead_unit=justice, task="规范执法文书送达", actor=staff
    )
    handling.reply_submit(
        suggestion=closed, result_class="D", body="相关建议留作参考。", actor=users["govreviewer"]
    )
    handling.suggestion_evaluate(
        suggestion=closed, verdict="unsatisfied", reason="答复未回应具体问题", actor=deputy2
    )
    handling.reply_submit(
        suggestion=closed, result_class="A", actor=users["govreviewer"],
        body="已印发《行政执法文书送达工作指引》，并完成全区执法人员培训。",
    )  # fmt: skip
    handling.suggestion_evaluate(suggestion=closed, verdict="satisfied", actor=deputy2)
    # 6. A reference opinion.
    reference = services.suggestion_submit(suggestion=draft(5, deputy), actor=deputy)
    services.suggestion_decline(
        suggestion=reference, reason="属于正在实施的民生实事项目，转为参考意见。", actor=staff
    )
    ReplyTemplate.objects.create(
        congress=district, title="B类答复模板",
        body="张代表：您提出的《……》的建议收悉。经研究，已列入我单位年度工作计划，计划于……前完成。",
    )  # fmt: skip
    handling.quarter_round_create(
        congress=district, year=timezone.localdate().year,
        quarter=(timezone.localdate().month - 1) // 3 + 1, kind="research",
        title="重点督办建议季度调研", scheduled_on=timezone.localdate(),
        suggestions=[key, replied], actor=staff,
    )  # fmt: skip
