"""Demo consultations of 清河区: one draft open now, and the record of past years.

The past record matches the seed's figures for Kuqa: 31 laws consulted, 641 opinions, 25 adopted
(the open draft included).
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from renda.core.demo import DemoContext, register
from renda.directory.models import CollectionPoint, Deputy, Expert
from renda.legislation import experts, services
from renda.legislation.models import Consultation, Opinion

OPEN_DRAFT = """临川市电动自行车管理条例（草案）

第一章　总则

第一条　为了加强电动自行车管理，保障道路交通安全和消防安全，根据有关法律、行政法规，结合本市实际，制定本条例。

第二条　本市行政区域内电动自行车的生产、销售、登记、通行、停放、充电及其相关管理活动，适用本条例。

第三条　市、区人民政府应当加强对电动自行车管理工作的领导，建立协调机制，将充电设施建设纳入城乡规划。

第二章　登记与通行

第四条　电动自行车应当经公安机关交通管理部门登记，取得号牌后方可上道路行驶。

第五条　驾驶电动自行车应当年满十六周岁，并佩戴安全头盔。

第六条　电动自行车在非机动车道内行驶时，最高时速不得超过二十五公里。

第三章　停放与充电

第七条　住宅小区应当设置电动自行车集中停放和充电场所。物业服务企业应当加强日常巡查。

第八条　禁止在建筑物的公共门厅、疏散走道、楼梯间、安全出口停放电动自行车或者为电动自行车充电。

第九条　违反本条例第八条规定的，由消防救援机构责令改正，对个人处五十元以上五百元以下罚款。

第四章　附则

第十条　本条例自2027年1月1日起施行。
"""

LAW_TITLES = [
    "中华人民共和国民法典（草案）",
    "中华人民共和国未成年人保护法（修订草案）",
    "中华人民共和国家庭教育促进法（草案）",
    "中华人民共和国乡村振兴促进法（草案）",
    "中华人民共和国反电信网络诈骗法（草案）",
    "中华人民共和国妇女权益保障法（修订草案）",
    "中华人民共和国无障碍环境建设法（草案）",
    "中华人民共和国立法法（修正草案）",
    "中华人民共和国行政复议法（修订草案）",
    "中华人民共和国慈善法（修正草案）",
    "中华人民共和国学前教育法（草案）",
    "中华人民共和国农村集体经济组织法（草案）",
    "中华人民共和国治安管理处罚法（修订草案）",
    "中华人民共和国民营经济促进法（草案）",
    "东江省物业管理条例（修订草案）",
    "东江省养老服务条例（草案）",
    "东江省河湖长制条例（草案）",
    "东江省社会信用条例（草案）",
    "东江省优化营商环境条例（修订草案）",
    "东江省消费者权益保护条例（草案）",
    "东江省全民健身条例（修订草案）",
    "临川市居家养老服务条例（草案）",
    "临川市养犬管理条例（草案）",
    "临川市生活垃圾分类管理条例（草案）",
    "临川市餐饮业油烟管理办法（草案）",
    "临川市停车管理条例（草案）",
    "临川市文明行为促进条例（草案）",
    "临川市住房租赁管理若干规定（草案）",
    "临川市城市绿化条例（修订草案）",
    "临川市历史文化名城保护条例（草案）",
]
PAST_OPINIONS = 610  # + 31 on the open draft = 641
PAST_ADOPTED = 24  # + 1 on the open draft = 25
OPEN_OPINIONS = [
    (5, "建议将佩戴安全头盔的要求扩大到乘坐人员，尤其是儿童。", "visit"),
    (7, "老旧小区没有空间建集中充电场所，建议由街道统筹解决，给出过渡期。", "symposium"),
    (9, "罚款五十元到五百元幅度太宽，建议细化情形，首次违法以教育为主。", "phone"),
    (0, "建议增加对外卖骑手等职业骑行人员的专门规定。", "visit"),
]
CAMPAIGN = "强烈建议第六条时速上限提高到三十公里，二十五公里太慢，上下班通勤不方便！"


def _article_text(title: str) -> str:
    subject = title.split("（")[0]
    return (
        f"{title}\n\n第一条　为了规范{subject}所涉事项，制定本法。\n\n"
        "第二条　国家保障公民依法参与相关事务。\n\n"
        "第三条　有关部门应当依法履行职责，加强监督管理。\n\n"
        "第四条　违反本法规定的，依法承担法律责任。\n\n"
        "第五条　本法自公布之日起施行。\n"
    )


@register("legislation", order=40)
def load_legislation(context: DemoContext) -> None:
    """Create the demo consultations unless they are already there."""
    district = context.district
    if Consultation.objects.filter(congress=district).exists():
        return
    if not CollectionPoint.objects.filter(congress=district).exists():
        return  # the directory demo did not run
    rng = random.Random(31)
    staff = context.users["lawstaff"]
    points = list(CollectionPoint.objects.filter(congress=district))
    deputies = list(Deputy.objects.filter(congress=district)[:40])
    today = timezone.localdate()
    adopted_left, opinions_left = PAST_ADOPTED, PAST_OPINIONS
    for n, title in enumerate(LAW_TITLES):
        year = 2023 + n * 3 // len(LAW_TITLES)
        opens = dt.date(year, 1 + n % 12, 5)
        consultation = services.consultation_create(
            congress=district,
            title=title,
            text=_article_text(title),
            opens_on=opens,
            closes_on=opens + dt.timedelta(days=30),
            actor=staff,
            legislature="全国人大常委会法制工作委员会" if title.startswith("中华") else "",
        )
        articles = list(consultation.articles.all())
        count = opinions_left // (len(LAW_TITLES) - n)
        opinions_left -= count
        adopted = min(adopted_left, 0 if n % 5 == 4 else 1)
        adopted_left -= adopted
        rows = []
        for k in range(count):
            point = rng.choice(points)
            deputy = rng.choice(deputies) if k % 7 == 0 else None
            rows.append(
                Opinion(
                    consultation=consultation,
                    article=rng.choice([None, *articles]),
                    text=f"关于{title.split('（')[0]}的意见{k + 1}：建议进一步明确有关部门职责，增强可操作性。",
                    source=Opinion.Source.DEPUTY if deputy else Opinion.Source.OFFLINE,
                    method=rng.choice(["visit", "symposium", "phone"]),
                    point=point,
                    deputy=deputy,
                    name=deputy.name if deputy else "",
                    adoption="not_adopted",
                )
            )
        for k, opinion in enumerate(rows[:adopted]):
            opinion.adoption = Opinion.Adoption.ADOPTED
            opinion.certificate_no = f"DJ-LC-QH-{year}-{n:02d}{k:02d}"
        Opinion.objects.bulk_create(rows)
        Consultation.objects.filter(pk=consultation.pk).update(state=Consultation.State.FINALIZED)

    consultation = services.consultation_create(
        congress=district,
        text=OPEN_DRAFT,
        opens_on=today - dt.timedelta(days=5),
        closes_on=today + dt.timedelta(days=25),
        actor=staff,
        legislature="临川市人大常委会法制工作委员会",
        notes="为解决电动自行车停放充电难、火灾隐患多等问题，市人大常委会将本条例列入年度立法计划。"
        "草案共四章十条，重点规定登记通行、停放充电和法律责任。",
    )
    services.question_add(
        consultation=consultation, text="老旧小区充电设施如何建设、费用由谁承担？", actor=staff
    )
    services.question_add(consultation=consultation, text="第九条罚款幅度是否合适？", actor=staff)
    services.consultation_publish(consultation=consultation, actor=staff)
    services.invitations_send(
        consultation=consultation,
        deputy_field="城乡",
        expert_field="法学",
        points=points[:4],
        actor=staff,
    )
    officer = context.users["officer"]
    officer_point = CollectionPoint.objects.filter(officers__user=officer).first() or points[0]
    for number, text, method in OPEN_OPINIONS:
        services.opinion_submit(
            consultation=consultation,
            text=text,
            article=number or None,
            source="offline",
            point=officer_point,
            method=method,
            actor=officer,
            idempotency_key=f"demo-{number}",
        )
    for k in range(26):
        services.opinion_submit(
            consultation=consultation,
            text=CAMPAIGN if k % 3 else CAMPAIGN + "我是快递员。",
            article=6,
            idempotency_key=f"demo-campaign-{k}",
        )
    services.opinion_submit(
        consultation=consultation,
        text="建议明确物业服务企业发现楼道充电时的劝阻和报告义务。",
        article=8,
        source="deputy",
        actor=context.users["deputy"],
        idempotency_key="demo-deputy",
    )
    expert = Expert.objects.filter(user=context.users["expert"]).first()
    if expert is not None:
        experts.expert_question_ask(
            consultation=consultation,
            expert=expert,
            article=None,
            actor=staff,
            question="第九条对个人处五十元以上五百元以下罚款，是否符合消防法的规定？",
        )
    first = consultation.opinions.order_by("pk").first()
    Opinion.objects.filter(pk=first.pk).update(
        adoption=Opinion.Adoption.ADOPTED, certificate_no="DJ-LC-QH-DEMO-0001"
    )
