"""Models of the suggestions module: the suggestion, its handling rounds and its supervision."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已提交")
    REGISTERED = "registered", _("已立案")
    REFERENCE = "reference", _("转为参考意见")
    MERGED = "merged", _("已并案")
    ASSIGNED = "assigned", _("办理中")
    REPLIED = "replied", _("已答复待评价")
    REHANDLING = "rehandling", _("重新办理")
    CLOSED = "closed", _("已办结")


class Category(models.TextChoices):
    ECONOMY = "economy", _("经济发展")
    URBAN = "urban", _("城乡建设")
    EDUCATION = "education", _("教育科技")
    HEALTH = "health", _("医疗卫生")
    ENVIRONMENT = "environment", _("生态环保")
    SOCIAL = "social", _("社会事业")
    LAW = "law", _("法治建设")
    AGRICULTURE = "agriculture", _("农业农村")
    OTHER = "other", _("其他")


class Period(models.TextChoices):
    SESSION = "session", _("大会期间")
    RECESS = "recess", _("闭会期间")


class ResultClass(models.TextChoices):
    A = "A", _("A类：已解决或基本解决")
    B = "B", _("B类：列入计划逐步解决")
    C = "C", _("C类：因条件限制需以后解决")
    D = "D", _("D类：留作参考")


class Verdict(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    BASIC = "basic", _("基本满意")
    UNSATISFIED = "unsatisfied", _("不满意")


class SuggestionSettings(models.Model):
    """Per-congress rules: reply deadlines and the numbering counter."""

    congress = models.OneToOneField("core.Congress", on_delete=models.CASCADE, related_name="+")
    reply_months = models.PositiveSmallIntegerField(_("答复期限（月）"), default=3)
    complex_reply_months = models.PositiveSmallIntegerField(_("复杂建议答复期限（月）"), default=6)
    rehandle_months = models.PositiveSmallIntegerField(_("重新办理期限（月）"), default=1)
    remind_days_before = models.PositiveSmallIntegerField(_("到期前提醒（天）"), default=10)

    class Meta:
        verbose_name = _("代表建议设置")
        verbose_name_plural = _("代表建议设置")

    def __str__(self) -> str:
        return str(self.congress)


class Suggestion(models.Model):
    """A deputy's suggestion, criticism or opinion (代表建议) and where its handling stands."""

    congress = models.ForeignKey("core.Congress", on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("领衔代表账号"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    deputy = models.ForeignKey(
        "directory.Deputy",
        verbose_name=_("领衔代表"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    author_name = models.CharField(_("领衔代表"), max_length=50)
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"))
    category = models.CharField(
        _("类别"), max_length=20, choices=Category.choices, default=Category.OTHER
    )
    period = models.CharField(
        _("提出时间"), max_length=10, choices=Period.choices, default=Period.RECESS
    )
    state = models.CharField(_("状态"), max_length=20, choices=State.choices, default=State.DRAFT)
    version = models.PositiveIntegerField(default=1, editable=False)
    year = models.PositiveSmallIntegerField(_("年度"), null=True, blank=True)
    seq = models.PositiveIntegerField(null=True, blank=True, editable=False)
    number = models.CharField(_("编号"), max_length=20, blank=True)
    decline_reason = models.TextField(_("不予立案理由"), blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged"
    )
    split_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="parts"
    )
    is_complex = models.BooleanField(_("复杂建议"), default=False)
    is_key = models.BooleanField(_("重点督办"), default=False)
    supervision_plan = models.TextField(_("督办方案"), blank=True)
    lead_unit = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("主办单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    task = models.TextField(_("任务"), blank=True)
    duties = models.TextField(_("职责"), blank=True)
    requirements = models.TextField(_("要求"), blank=True)
    assigned_on = models.DateField(_("交办日期"), null=True, blank=True)
    due_on = models.DateField(_("答复期限"), null=True, blank=True)
    round = models.PositiveSmallIntegerField(_("办理轮次"), default=1)
    result_class = models.CharField(
        _("办理结果"), max_length=1, choices=ResultClass.choices, blank=True
    )
    first_verdict = models.CharField(
        _("首次评价"), max_length=20, choices=Verdict.choices, blank=True
    )
    verdict = models.CharField(_("最终评价"), max_length=20, choices=Verdict.choices, blank=True)
    replied_on_time = models.BooleanField(_("按期答复"), null=True, blank=True)
    overdue_notified = models.BooleanField(default=False, editable=False)
    source_label = models.CharField(_("来源"), max_length=200, blank=True)
    source_url = models.CharField(_("来源链接"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("代表建议")
        verbose_name_plural = _("代表建议")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["congress", "number"],
                condition=~Q(number=""),
                name="suggestion_unique_number",
            )
        ]
        indexes = [
            # Lists: overdue first (by state, then deadline), the rest by deadline.
            models.Index(fields=["congress", "state", "due_on", "-id"], name="suggestion_todo"),
            models.Index(fields=["congress", "due_on", "-id"], name="suggestion_deadline"),
            # The year's figures: one grouped scan of this index alone.
            models.Index(
                fields=[
                    "congress",
                    "year",
                    "state",
                    "lead_unit",
                    "replied_on_time",
                    "first_verdict",
                    "verdict",
                    "result_class",
                    "round",
                    "is_key",
                    "number",
                ],
                name="suggestion_figures",
            ),
            models.Index(fields=["lead_unit", "state", "due_on"], name="suggestion_unit"),
            models.Index(fields=["author", "state"], name="suggestion_author"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()


class Cosigner(models.Model):
    """A deputy who joins a suggestion: jointly (联名) or seconding (附议)."""

    class Kind(models.TextChoices):
        JOINT = "joint", _("联名")
        SECONDING = "seconding", _("附议")

    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="cosigners")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("方式"), max_length=10, choices=Kind.choices, default=Kind.JOINT)
    invited_at = models.DateTimeField(default=timezone.now)
    signed_at = models.DateTimeField(_("确认时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("联名/附议代表")
        verbose_name_plural = _("联名/附议代表")
        constraints = [models.UniqueConstraint(fields=["suggestion", "user"], name="cosigner_once")]

    def __str__(self) -> str:
        return f"{self.user} {self.get_kind_display()}"


class CoUnit(models.Model):
    """A co-handling unit (协办单位) of an assigned suggestion."""

    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="co_units")
    organization = models.ForeignKey(
        "directory.Organization", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("协办单位")
        verbose_name_plural = _("协办单位")
        constraints = [
            models.UniqueConstraint(fields=["suggestion", "organization"], name="co_unit_once")
        ]

    def __str__(self) -> str:
        return str(self.organization)


class ReassignRequest(models.Model):
    """A unit's request to hand a suggestion back for another unit, decided by staff."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("待决定")
        APPROVED = "approved", _("同意改办")
        REJECTED = "rejected", _("不同意")

    suggestion = models.ForeignKey(
        Suggestion, on_delete=models.CASCADE, related_name="reassign_requests"
    )
    organization = models.ForeignKey(
        "directory.Organization", on_delete=models.PROTECT, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("理由"))
    decision = models.CharField(
        _("决定"), max_length=10, choices=Decision.choices, default=Decision.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decision_note = models.TextField(_("说明"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("改办申请")
        verbose_name_plural = _("改办申请")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.organization} {self.get_decision_display()}"


class SupervisionMember(models.Model):
    """A named member of a key suggestion's supervision team."""

    class Role(models.TextChoices):
        GOV_LEADER = "gov_leader", _("政府领导领办")
        COMMITTEE_LEADER = "committee_leader", _("常委会领导领衔督办")
        SPECIAL_COMMITTEE = "special_committee", _("专（工）委专项督办")
        DEPUTY_AFFAIRS = "deputy_affairs", _("代表工委协调督办")

    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="supervisors")
    role = models.CharField(_("督办角色"), max_length=20, choices=Role.choices)
    name = models.CharField(_("姓名或机构"), max_length=100)

    class Meta:
        verbose_name = _("督办成员")
        verbose_name_plural = _("督办成员")
        ordering = ["role", "id"]

    def __str__(self) -> str:
        return f"{self.get_role_display()} {self.name}"


class Reply(models.Model):
    """A unit's reply in one handling round."""

    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="replies")
    round = models.PositiveSmallIntegerField(_("轮次"))
    organization = models.ForeignKey(
        "directory.Organization", on_delete=models.PROTECT, related_name="+"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    result_class = models.CharField(_("办理结果"), max_length=1, choices=ResultClass.choices)
    body = models.TextField(_("答复内容"))
    document = models.ForeignKey(
        "core.Attachment",
        verbose_name=_("答复函"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    on_time = models.BooleanField(_("按期"), default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("答复")
        verbose_name_plural = _("答复")
        ordering = ["round", "id"]

    def __str__(self) -> str:
        return f"{self.suggestion_id} #{self.round} {self.result_class}"


class Commitment(models.Model):
    """A dated promise in a reply (mostly B class), followed up until kept."""

    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="commitments")
    reply = models.ForeignKey(Reply, on_delete=models.CASCADE, related_name="commitments")
    text = models.CharField(_("承诺事项"), max_length=300)
    due_on = models.DateField(_("承诺完成日期"))
    kept_on = models.DateField(_("兑现日期"), null=True, blank=True)
    follow_up = models.TextField(_("跟踪情况"), blank=True)
    overdue_notified = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("办理承诺")
        verbose_name_plural = _("办理承诺")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["kept_on", "due_on"], name="commitment_open")]

    def __str__(self) -> str:
        return self.text


class Evaluation(models.Model):
    """The deputy's evaluation of one round's reply."""

    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="evaluations")
    round = models.PositiveSmallIntegerField(_("轮次"))
    verdict = models.CharField(_("评价"), max_length=20, choices=Verdict.choices)
    reason = models.TextField(_("理由"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("满意度测评")
        verbose_name_plural = _("满意度测评")
        ordering = ["round", "id"]

    def __str__(self) -> str:
        return f"{self.suggestion_id} #{self.round} {self.verdict}"


class StaffNote(models.Model):
    """A private note of the congress staff on a suggestion (not shown to deputies or units)."""

    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("备注"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("内部备注")
        verbose_name_plural = _("内部备注")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.body[:30]


class ReplyTemplate(models.Model):
    """A reusable text for units' replies or staff messages."""

    congress = models.ForeignKey("core.Congress", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("名称"), max_length=100)
    body = models.TextField(_("内容"))

    class Meta:
        verbose_name = _("答复模板")
        verbose_name_plural = _("答复模板")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class QuarterRound(models.Model):
    """A quarterly research visit, inquiry or evaluation over a set of suggestions."""

    class Kind(models.TextChoices):
        RESEARCH = "research", _("季调研")
        INQUIRY = "inquiry", _("季询问")
        EVALUATION = "evaluation", _("季测评")

    congress = models.ForeignKey("core.Congress", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    quarter = models.PositiveSmallIntegerField(_("季度"))
    kind = models.CharField(_("方式"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("名称"), max_length=200)
    scheduled_on = models.DateField(_("计划日期"))
    suggestions = models.ManyToManyField(Suggestion, related_name="quarter_rounds", blank=True)
    result = models.TextField(_("结果"), blank=True)
    done_on = models.DateField(_("完成日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("季度调研询问测评")
        verbose_name_plural = _("季度调研询问测评")
        ordering = ["-year", "-quarter", "scheduled_on"]

    def __str__(self) -> str:
        return self.title
