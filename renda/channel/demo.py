"""Demo messages: a few citizens writing to 张志强 and to 北门街道代表联络站, at every stage."""

from django.utils.translation import gettext as _

from renda.channel import services
from renda.channel.models import Message
from renda.channel.workflow import Side
from renda.core.demo import DemoContext, register
from renda.directory.models import Deputy, Organization, Station

STORIES = [
    (
        "help",
        "北门社区3号楼楼道灯坏了一个多月，晚上老人上下楼很不安全，希望尽快修好。",
        "李阿姨",
        "13812340001",
        True,
        "unit_replied",
    ),
    (
        "opinion",
        "建议在南湖公园增设几处无障碍通道和休息座椅，方便老年人和残疾人。",
        "",
        "",
        True,
        "replied",
    ),
    (
        "legislative",
        "对《临川市养犬管理条例（草案）》第十二条，建议明确夜间遛狗必须牵绳的具体时段。",
        "王先生",
        "13812340002",
        False,
        "received",
    ),
    (
        "help",
        "文昌路与湖滨路交叉口早高峰拥堵严重，能否增加交警疏导或调整红绿灯时长？",
        "赵女士",
        "13812340003",
        False,
        "forwarded",
    ),
    ("opinion", "小区周边缺少快递集中收发点，建议在社区服务中心设立。", "", "", False, "assigned"),
]


@register("channel", order=30)
def load_channel(context: DemoContext) -> None:
    """Create messages at every stage unless the demo already has some."""
    if Message.objects.exists():
        return
    deputy = Deputy.objects.get(user=context.users["deputy"])
    station = Station.objects.get(manager=context.users["station"])
    unit = Organization.objects.get(members=context.users["unit"])
    staff, unit_user = context.users["staff"], context.users["unit"]
    for n, (kind, content, name, phone, consent, stage) in enumerate(STORIES):
        recipient = deputy if n % 2 == 0 else station
        message, _created = services.message_submit(
            recipient_code=recipient.public_code, kind=kind, content=content, name=name,
            phone=phone, consent_publish=consent, idempotency_key=f"demo-{n}",
        )  # fmt: skip
        responder = services.recipient_users(message)[0]
        if stage == "replied":
            services.message_reply(
                message=message, actor=responder, side=Side.RECIPIENT,
                text=_("已联系区住建局和公园管理处，计划在下月完成两处无障碍通道改造。"),
            )  # fmt: skip
        if stage in {"forwarded", "assigned", "unit_replied"}:
            services.message_forward(message=message, actor=responder)
        if stage in {"assigned", "unit_replied"}:
            services.message_assign(message=message, unit=unit, actor=staff)
        if stage == "unit_replied":
            services.message_accept(message=message, actor=unit_user)
            services.message_reply(
                message=message, actor=unit_user, side=Side.UNIT,
                text=_("已安排物业在三日内更换楼道灯，并对全小区照明进行排查。"),
            )  # fmt: skip
            services.message_rate(
                message=message, rating="satisfied", comment=_("修得很快，谢谢！")
            )
    services.notify_new()  # the recipients' notices, as the minute digest would send them
