"""Models of the filings module: filing bodies, filings with two review tracks, corrections."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

USER = settings.AUTH_USER_MODEL


class FilingBody(models.Model):
    """Where a filing body's documents go: the reviewing congress and the government reviewer."""

    organization = models.OneToOneField(
        "directory.Organization", verbose_name=_("制定主体"), on_delete=models.PROTECT,
        related_name="filing_profile",
    )  # fmt: skip
    review_congress = models.ForeignKey(
        "core.Congress", verbose_name=_("人大备案审查机关"), on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    gov_reviewer = models.ForeignKey(
        "directory.Organization", verbose_name=_("政府备案审查机关"), on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip

    class Meta:
        verbose_name = _("备案主体")
        verbose_name_plural = _("备案主体")

    def __str__(self) -> str:
        return str(self.organization)


class FilingContact(models.Model):
    """A person at a filing body who files documents and answers the reviewers."""

    organization = models.ForeignKey(
        "directory.Organization", verbose_name=_("制定主体"), on_delete=models.CASCADE,
        related_name="filing_contacts",
    )  # fmt: skip
    name = models.CharField(_("姓名"), max_length=50)
    post = models.CharField(_("职务"), max_length=50, blank=True)
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    user = models.ForeignKey(
        USER, verbose_name=_("平台账号"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip

    class Meta:
        verbose_name = _("备案联络员")
        verbose_name_plural = _("备案联络员")
        ordering = ["organization", "name"]

    def __str__(self) -> str:
        return self.name


class Campaign(models.Model):
    """A stock clean-up campaign (存量清理)."""

    congress = models.ForeignKey("core.Congress", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("名称"), max_length=200)
    started_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("完成时限"))
    note = models.TextField(_("说明"), blank=True)
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("存量清理")
        verbose_name_plural = _("存量清理")
        ordering = ["-started_on", "-id"]

    def __str__(self) -> str:
        return self.title


class DocType(models.TextChoices):
    ADMINISTRATIVE = "administrative", _("行政规范性文件")
    GOVERNMENT = "government", _("政府规章以外的政府文件")
    SUPERVISORY = "supervisory", _("监察、司法机关规范性文件")
    OTHER = "other", _("其他规范性文件")


class Validity(models.TextChoices):
    IN_FORCE = "in_force", _("有效")
    AMENDED = "amended", _("已修改")
    REPEALED = "repealed", _("已废止")
    EXPIRED = "expired", _("失效")


class Filing(models.Model):
    """One normative document filed once by its body; reviewed on two tracks."""

    class Kind(models.TextChoices):
        NEW = "new", _("新增文件")
        STOCK = "stock", _("存量文件")

    class CleanupResult(models.TextChoices):
        KEEP = "keep", _("继续有效")
        AMEND = "amend", _("需修改")
        REPEAL = "repeal", _("废止")

    congress = models.ForeignKey(
        "core.Congress", verbose_name=_("人大备案审查机关"), on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    body = models.ForeignKey(
        "directory.Organization", verbose_name=_("制定主体"), on_delete=models.PROTECT,
        related_name="filings",
    )  # fmt: skip
    gov_reviewer = models.ForeignKey(
        "directory.Organization", verbose_name=_("政府备案审查机关"), on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    kind = models.CharField(_("类别"), max_length=10, choices=Kind.choices, default=Kind.NEW)
    campaign = models.ForeignKey(
        Campaign, verbose_name=_("存量清理"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="filings",
    )  # fmt: skip
    cleanup_result = models.CharField(
        _("清理结论"), max_length=10, choices=CleanupResult.choices, blank=True
    )
    title = models.CharField(_("文件标题"), max_length=300)
    number = models.CharField(_("文号"), max_length=100)
    doc_type = models.CharField(
        _("文件类型"), max_length=20, choices=DocType.choices, default=DocType.ADMINISTRATIVE
    )
    published_on = models.DateField(_("公布日期"))
    filed_on = models.DateField(_("报备日期"))
    due_on = models.DateField(_("报备期限"))
    is_late = models.BooleanField(_("逾期报备"), default=False)
    drafting_notes = models.TextField(_("起草说明"), blank=True)
    legality_opinion = models.TextField(_("合法性审核意见"), blank=True)
    text = models.TextField(_("正文"))
    version = models.PositiveSmallIntegerField(_("版本"), default=1)
    segmented = models.TextField(editable=False, blank=True)
    validity = models.CharField(
        _("效力状态"), max_length=10, choices=Validity.choices, default=Validity.IN_FORCE
    )
    is_public = models.BooleanField(_("已入库公开"), default=False)
    public_since = models.DateTimeField(_("入库时间"), null=True, blank=True)
    filed_by = models.ForeignKey(
        USER, verbose_name=_("报备人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("备案文件")
        verbose_name_plural = _("备案文件")
        ordering = ["-filed_on", "-id"]
        indexes = [
            models.Index(fields=["congress", "filed_on"], name="filing_congress_filed"),
            models.Index(fields=["is_public", "published_on"], name="filing_public"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["body", "number"], name="filing_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.title}（{self.number}）"


class FilingVersion(models.Model):
    """A text of the filing: the first and each corrected version."""

    filing = models.ForeignKey(Filing, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("版本"))
    text = models.TextField(_("正文"))
    note = models.CharField(_("说明"), max_length=300, blank=True)
    attachment = models.ForeignKey(
        "core.Attachment", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["filing", "number"]
        constraints = [
            models.UniqueConstraint(fields=["filing", "number"], name="filing_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.filing_id} v{self.number}"


class Side(models.TextChoices):
    CONGRESS = "congress", _("人大")
    GOVERNMENT = "government", _("政府")


class Track(models.Model):
    """One reviewer's track of a filing: the congress's or the government's."""

    class State(models.TextChoices):
        SUBMITTED = "submitted", _("待形式审查")
        RETURNED = "returned", _("暂缓备案、限期补正")
        REGISTERED = "registered", _("已登记备案")
        REVIEWING = "reviewing", _("实质审查中")
        SIGNING = "signing", _("审核签批中")
        CORRECTING = "correcting", _("纠正中")
        CLOSED = "closed", _("审查完结")

    class Result(models.TextChoices):
        NO_PROBLEM = "no_problem", _("未发现问题")
        PROBLEM = "problem", _("存在问题")

    filing = models.ForeignKey(Filing, on_delete=models.CASCADE, related_name="tracks")
    side = models.CharField(_("审查机关"), max_length=12, choices=Side.choices)
    state = models.CharField(
        _("状态"), max_length=12, choices=State.choices, default=State.SUBMITTED
    )
    formal_due_on = models.DateField(_("形式审查期限"))
    checklist = models.JSONField(_("形式审查清单"), default=dict, blank=True)
    return_reason = models.TextField(_("补正理由"), blank=True)
    return_due_on = models.DateField(_("补正期限"), null=True, blank=True)
    receipt_number = models.CharField(_("备案回执号"), max_length=40, blank=True)
    registered_on = models.DateField(_("登记日期"), null=True, blank=True)
    review_due_on = models.DateField(_("审查期限"), null=True, blank=True)
    reviewer = models.ForeignKey(
        USER, verbose_name=_("审查人"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    result = models.CharField(_("审查结论"), max_length=12, choices=Result.choices, blank=True)
    conclusion = models.TextField(_("审查意见"), blank=True)
    legal_basis = models.TextField(_("法律依据"), blank=True)
    sign_levels = models.PositiveSmallIntegerField(_("审核层级"), default=1)
    concluded_on = models.DateField(_("审查完结日期"), null=True, blank=True)
    # set once by `renda tick` (renda/filings/tick.py); cleared when the deadline restarts
    return_reminded_on = models.DateField(_("补正提醒日期"), null=True, blank=True)
    return_overdue_on = models.DateField(_("逾期未补正标记日期"), null=True, blank=True)
    formal_overdue_on = models.DateField(_("形式审查超期标记日期"), null=True, blank=True)
    review_overdue_on = models.DateField(_("实质审查超期标记日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("审查")
        verbose_name_plural = _("审查")
        ordering = ["filing", "side"]
        constraints = [
            models.UniqueConstraint(fields=["filing", "side"], name="track_unique_side"),
            models.CheckConstraint(
                condition=models.Q(sign_levels__gte=1, sign_levels__lte=4),
                name="track_sign_levels_1_4",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.filing.title} · {self.get_side_display()}"

    @property
    def congress(self):
        return self.filing.congress


class Signoff(models.Model):
    """One level of the sign-off (四级审核)."""

    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="signoffs")
    level = models.PositiveSmallIntegerField(_("层级"))
    signer = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    approved = models.BooleanField(_("同意"))
    comment = models.CharField(_("意见"), max_length=500, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["track", "at", "id"]

    def __str__(self) -> str:
        return f"{self.track_id} L{self.level}"


class Opinion(models.Model):
    """An opinion asked of a committee or an expert, or a joint consultation (会商)."""

    class Kind(models.TextChoices):
        COMMITTEE = "committee", _("专门委员会意见")
        EXPERT = "expert", _("专家意见")
        CONSULTATION = "consultation", _("会商意见")

    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="opinions")
    kind = models.CharField(_("类别"), max_length=12, choices=Kind.choices)
    source = models.CharField(_("提出方"), max_length=200)
    expert = models.ForeignKey(
        "directory.Expert", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    question = models.TextField(_("征询事项"))
    answer = models.TextField(_("意见"), blank=True)
    requested_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["track", "requested_at", "id"]

    def __str__(self) -> str:
        return self.source


class Finding(models.Model):
    """A pre-review finding on one version of the text, and the reviewer's decision on it."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("待判断")
        ACCEPTED = "accepted", _("确认")
        DISMISSED = "dismissed", _("排除")

    filing = models.ForeignKey(Filing, on_delete=models.CASCADE, related_name="findings")
    version = models.PositiveSmallIntegerField(_("版本"))
    category = models.CharField(_("类别"), max_length=30)
    rule = models.CharField(_("规则"), max_length=60)
    article = models.CharField(_("条"), max_length=30, blank=True)
    clause = models.TextField(_("条款"))
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    trigger = models.CharField(_("触发词"), max_length=200)
    explanation = models.TextField(_("说明"), blank=True)
    basis = models.TextField(_("依据"), blank=True)
    decision = models.CharField(
        _("判断"), max_length=10, choices=Decision.choices, default=Decision.PENDING
    )
    decided_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(_("理由"), max_length=500, blank=True)

    class Meta:
        ordering = ["filing", "version", "start", "id"]

    def __str__(self) -> str:
        return f"{self.category} {self.article}"


class Correction(models.Model):
    """A correction request to the filing body, tracked until closed."""

    class Response(models.TextChoices):
        CORRECTED = "corrected", _("已修改")
        REPEALED = "repealed", _("已废止")

    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="corrections")
    request = models.TextField(_("纠正意见"))
    legal_basis = models.TextField(_("法律依据"))
    requested_on = models.DateField(_("提出日期"))
    due_on = models.DateField(_("纠正期限"))
    response = models.CharField(_("纠正情况"), max_length=10, choices=Response.choices, blank=True)
    response_note = models.TextField(_("纠正说明"), blank=True)
    responded_on = models.DateField(_("回复日期"), null=True, blank=True)
    closed_on = models.DateField(_("销号日期"), null=True, blank=True)
    overdue_on = models.DateField(_("逾期标记日期"), null=True, blank=True)  # set by tick

    class Meta:
        ordering = ["track", "requested_on", "id"]

    def __str__(self) -> str:
        return self.request[:50]


class ReviewRequest(models.Model):
    """A review request from the public (审查建议)."""

    class State(models.TextChoices):
        RECEIVED = "received", _("已收到")
        REGISTERED = "registered", _("已登记")
        ANSWERED = "answered", _("已反馈")

    congress = models.ForeignKey("core.Congress", on_delete=models.PROTECT, related_name="+")
    filing = models.ForeignKey(
        Filing, null=True, blank=True, on_delete=models.SET_NULL, related_name="review_requests"
    )
    document_title = models.CharField(_("文件名称"), max_length=300)
    name = models.CharField(_("姓名"), max_length=50)
    phone = models.CharField(_("联系电话"), max_length=20)
    reasons = models.TextField(_("审查建议和理由"))
    code = models.CharField(_("查询码"), max_length=12, unique=True)
    state = models.CharField(max_length=12, choices=State.choices, default=State.RECEIVED)
    feedback = models.TextField(_("反馈意见"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("审查建议")
        verbose_name_plural = _("审查建议")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.document_title
