"""Demo filings for 清河区: bodies with contacts, filings at each step, the public database."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from renda.core.demo import DemoContext, register
from renda.directory.models import Organization
from renda.filings import services
from renda.filings.models import Filing, FilingBody, FilingContact

CHECKS = dict.fromkeys(services.CHECKLIST, True)

DOCUMENTS = [
    # body, title, number, days since publication, days filed after publication, text, outcome
    ("区市场监督管理局", "清河区促进个体工商户发展若干措施", "清市监规〔2025〕1号", 120, 12,
     "第一条 为了优化营商环境，支持个体工商户发展，制定本措施。\n第二条 区市场监督管理局推行登记"
     "注册全程网上办理，申请材料齐全的当场办结。\n第三条 对首次轻微违法行为依法不予处罚，开展"
     "行政指导。\n第四条 本措施自公布之日起施行，有效期三年。", "published"),
    ("区教育局", "清河区中小学校课后服务管理办法", "清教规〔2025〕2号", 90, 20,
     "第一条 为规范中小学校课后服务，减轻家长负担，制定本办法。\n第二条 课后服务坚持学生自愿、"
     "家长申请的原则。\n第三条 学校不得以课后服务名义组织集体补课。\n第四条 本办法自公布之日起"
     "施行，有效期五年。", "published"),
    ("区住房和城乡建设局", "清河区住宅小区物业服务管理实施细则", "清建规〔2025〕4号", 70, 45,
     "第一条 为规范住宅小区物业服务活动，制定本细则。\n第二条 物业服务企业应当公示收费项目和"
     "标准。\n第三条 业主拖欠物业费的，物业服务企业可以停止供水供电。\n第四条 本细则自公布之日起"
     "施行。", "reviewing"),
    ("区城市管理局", "清河区户外广告设置管理办法", "清城管规〔2025〕3号", 40, 35,
     "第一条 为加强户外广告设置管理，制定本办法。\n第二条 设置户外广告应当符合规划。\n第三条 "
     "未经批准擅自设置户外广告的，处一万元罚款。\n第四条 本办法自公布之日起施行，有效期五年。",
     "submitted"),
    ("柳岸镇人民政府", "柳岸镇农村人居环境整治奖补办法", "柳政规〔2025〕1号", 20, 10,
     "第一条 为推进农村人居环境整治，制定本办法。\n第二条 对达到整治标准的行政村给予奖补。\n"
     "第三条 奖补资金专款专用，接受审计监督。\n第四条 本办法自公布之日起施行，有效期二年。",
     "submitted"),
]  # fmt: skip


@register("filings", order=50)
def load_filings(context: DemoContext) -> None:
    """Create the demo filings unless they are already there."""
    district = context.district
    if Filing.objects.filter(body__congress=district).exists():
        return
    gov = Organization.objects.filter(congress=district, is_gov_reviewer=True).first()
    if gov is None:
        return  # the directory demo is not loaded
    for name, code in (("柳岸镇人民政府", "qh-la"), ("石桥镇人民政府", "qh-sq")):
        body = Organization.objects.filter(congress=district, name=name).first()
        if body is not None:
            FilingBody.objects.get_or_create(
                organization=body,
                defaults={"review_congress": context.congresses[code], "gov_reviewer": gov},
            )
    for body in Organization.objects.filter(congress=district, is_filing_body=True):
        if body.contact_name and not body.filing_contacts.exists():
            FilingContact.objects.create(organization=body, name=body.contact_name,
                                         post="法规科科长", phone=body.contact_phone)  # fmt: skip
    filer, staff = context.users["filer"], context.users["lawstaff"]
    FilingContact.objects.get_or_create(
        organization=Organization.objects.get(congress=district, name="区市场监督管理局"),
        user=filer,
        defaults={"name": filer.full_name, "post": "备案联络员"},
    )
    today = timezone.localdate()
    for body_name, title, number, age, delay, text, outcome in DOCUMENTS:
        body = Organization.objects.filter(congress=district, name=body_name).first()
        if body is None:
            continue
        published = today - dt.timedelta(days=age)
        filing = services.filing_submit(
            body=body, title=title, number=number, published_on=published,
            upload=SimpleUploadedFile("text.txt", f"{title}\n{text}".encode()),
            legality_opinion="经本单位法制机构审核，未发现违法内容。",
            drafting_notes="依据上位法和本区实际起草，征求了相关部门和公众意见。",
            actor=filer, today=published + dt.timedelta(days=delay), kind=Filing.Kind.STOCK
            if body.members.filter(pk=filer.pk).count() == 0 else Filing.Kind.NEW,
        )  # fmt: skip
        if filing.kind == Filing.Kind.STOCK:
            # Demo filings of bodies without a demo account: stored as new filings all the same.
            Filing.objects.filter(pk=filing.pk).update(
                kind=Filing.Kind.NEW, is_late=filing.filed_on > filing.due_on
            )
            filing.tracks.update(state="submitted")
            filing.refresh_from_db()
        if outcome == "submitted":
            continue
        track = filing.tracks.get(side="congress")
        services.track_register(track=track, checklist=CHECKS, actor=staff)
        services.track_assign(track=track, reviewer=staff, actor=staff)
        if outcome == "published":
            services.track_propose(track=track, result="no_problem", actor=staff,
                                   conclusion="经审查，未发现与上位法相抵触的内容。",
                                   legal_basis="", sign_levels=1)  # fmt: skip
            services.track_sign(track=track, approved=True, actor=staff)
