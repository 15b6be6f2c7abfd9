"""Citizens' messages to deputies and stations, and their time limits."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from renda.channel.workflow import OPEN_STATES, State


class Kind(models.TextChoices):
    OPINION = "opinion", _("意见建议")
    HELP = "help", _("求助诉求")
    LEGISLATIVE = "legislative", _("立法建议")
    OTHER = "other", _("其他")


class Rating(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    BASICALLY = "basically", _("基本满意")
    UNSATISFIED = "unsatisfied", _("不满意")


STATE_LABELS = {
    State.RECEIVED: _("已收到"),
    State.HANDLING: _("代表办理中"),
    State.FORWARDED: _("已转人大办公室"),
    State.ASSIGNED: _("已交办承办单位"),
    State.UNIT_HANDLING: _("承办单位办理中"),
    State.REPLIED: _("已答复"),
    State.CONVERTED: _("已转为代表建议或立法意见"),
    State.MERGED: _("已合并办理"),
    State.RATED: _("已评价"),
}


class TimeLimit(models.Model):
    """How many working days a kind of message may take in one congress (overrides the default)."""

    congress = models.ForeignKey("core.Congress", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("类别"), max_length=20, choices=Kind.choices)
    working_days = models.PositiveSmallIntegerField(_("办理时限（工作日）"))

    class Meta:
        verbose_name = _("留言办理时限")
        verbose_name_plural = _("留言办理时限")
        constraints = [
            models.UniqueConstraint(fields=["congress", "kind"], name="timelimit_unique_kind")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.working_days}"


class Message(models.Model):
    """A citizen's message to a deputy or a station; the citizen follows it by tracking code."""

    # Foreign keys searched by the composite indexes below (recipient or unit, then state) carry
    # no index of their own: every index is written on each submission (docs/workflows/channel.md).
    congress = models.ForeignKey(
        "core.Congress", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    deputy = models.ForeignKey(
        "directory.Deputy", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        db_index=False,
    )  # fmt: skip
    station = models.ForeignKey(
        "directory.Station", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        db_index=False,
    )  # fmt: skip
    # Unique by constraints below: `unique=True` adds a second (LIKE) index on PostgreSQL.
    tracking_code = models.CharField(_("查询码"), max_length=12)
    idempotency_key = models.CharField(max_length=64, null=True, blank=True)
    kind = models.CharField(_("类别"), max_length=20, choices=Kind.choices)
    content = models.TextField(_("内容"))
    name = models.CharField(_("姓名"), max_length=50, blank=True)
    phone = models.CharField(_("手机号"), max_length=20, blank=True)
    consent_publish = models.BooleanField(_("同意公开"), default=False)
    state = models.CharField(
        _("状态"), max_length=20, choices=[(s.value, STATE_LABELS[s]) for s in State],
        default=State.RECEIVED,
    )  # fmt: skip
    received_at = models.DateTimeField(_("收到时间"), auto_now_add=True)
    due_on = models.DateField(_("答复期限"))
    first_due_on = models.DateField(_("收到时的答复期限"))
    # When the recipient's accounts were told (a digest a minute, by `renda tick`); null = not yet.
    notified_at = models.DateTimeField(null=True, blank=True)
    unit = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("承办单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    reply = models.TextField(_("答复"), blank=True)
    replied_at = models.DateTimeField(null=True, blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="duplicates",
        db_index=False,
    )  # fmt: skip
    converted_to = models.CharField(_("转为"), max_length=200, blank=True)
    converted_url = models.CharField(max_length=300, blank=True)
    rating = models.CharField(_("评价"), max_length=20, choices=Rating.choices, blank=True)
    rating_comment = models.CharField(_("评价意见"), max_length=500, blank=True)
    rated_at = models.DateTimeField(null=True, blank=True)
    reopen_count = models.PositiveSmallIntegerField(default=0)
    overdue_since = models.DateField(_("逾期日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("群众留言")
        verbose_name_plural = _("群众留言")
        ordering = ["-received_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(deputy__isnull=False, station__isnull=True)
                | Q(deputy__isnull=True, station__isnull=False),
                name="message_one_recipient",
            ),
            models.UniqueConstraint(fields=["tracking_code"], name="message_tracking_code_unique"),
            models.UniqueConstraint(
                fields=["idempotency_key"],
                condition=Q(idempotency_key__isnull=False),
                name="message_idempotency_key_unique",
            ),
        ]
        indexes = [
            # Partial, so a row is written into the recipient's index only, not the other two.
            models.Index(
                fields=["deputy", "state"],
                condition=Q(deputy__isnull=False),
                name="message_deputy_state",
            ),
            models.Index(
                fields=["station", "state"],
                condition=Q(station__isnull=False),
                name="message_station_state",
            ),
            models.Index(
                fields=["unit", "state"], condition=Q(unit__isnull=False), name="message_unit_state"
            ),
            models.Index(fields=["congress", "state", "due_on"]),
            # A row is in these only while it waits for its notice, or once merged.
            models.Index(
                fields=["id"], condition=Q(notified_at__isnull=True), name="message_to_notify"
            ),
            models.Index(
                fields=["merged_into"],
                condition=Q(merged_into__isnull=False),
                name="message_merged_into",
            ),
        ]

    def __str__(self) -> str:
        return self.tracking_code

    @property
    def recipient(self):
        return self.deputy or self.station

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES
