"""Models of the legislation module: consultations on drafts, their articles and the opinions."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Consultation(models.Model):
    """A draft law or regulation put out for opinions (立法意见征询)."""

    class State(models.TextChoices):
        DRAFT = "draft", _("准备中")
        OPEN = "open", _("征询中")
        CLOSED = "closed", _("已截止")
        REPORTED = "reported", _("已报送")
        FINALIZED = "finalized", _("已公布终稿")

    congress = models.ForeignKey("core.Congress", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("草案名称"), max_length=200)
    legislature = models.CharField(
        _("征询机关"), max_length=200, blank=True, help_text=_("例如：全国人大常委会法工委")
    )
    state = models.CharField(_("状态"), max_length=20, choices=State.choices, default=State.DRAFT)
    opens_on = models.DateField(_("开始日期"), null=True, blank=True)
    closes_on = models.DateField(_("截止日期"), null=True, blank=True)
    notes = models.TextField(_("起草说明"), blank=True)
    source_text = models.TextField(_("草案原文"), blank=True)
    final_text = models.TextField(_("公布文本"), blank=True)
    final_title = models.CharField(_("公布名称"), max_length=200, blank=True)
    draft_file = models.ForeignKey(
        "core.Attachment", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    grouped_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("立法意见征询")
        verbose_name_plural = _("立法意见征询")

    def __str__(self) -> str:
        return self.title

    @property
    def year(self) -> int:
        return (self.opens_on or self.created_at.date()).year


class Article(models.Model):
    """One 条 of the draft or of the final text, as parsed and corrected by staff."""

    class Version(models.TextChoices):
        DRAFT = "draft", _("草案")
        FINAL = "final", _("公布文本")

    class Change(models.TextChoices):
        SAME = "same", _("未修改")
        CHANGED = "changed", _("有修改")
        REMOVED = "removed", _("已删除")
        ADDED = "added", _("新增")

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="articles"
    )
    version = models.CharField(max_length=10, choices=Version.choices, default=Version.DRAFT)
    position = models.PositiveIntegerField()
    number = models.PositiveIntegerField(_("条号"))
    label = models.CharField(_("条标"), max_length=30)
    chapter = models.CharField(_("所在章节"), max_length=200, blank=True)
    caption = models.CharField(_("条旨"), max_length=200, blank=True)
    text = models.TextField(_("条文"))
    counterpart = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    change = models.CharField(max_length=10, choices=Change.choices, blank=True)
    similarity = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["consultation", "version", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "version", "position"], name="legislation_article_position"
            )
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def congress(self):
        return self.consultation.congress


class FocusQuestion(models.Model):
    """A question staff ask contributors to focus on (重点征求意见的问题)."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="questions"
    )
    article = models.ForeignKey(Article, null=True, blank=True, on_delete=models.SET_NULL)
    text = models.CharField(_("问题"), max_length=500)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["consultation", "position", "pk"]

    def __str__(self) -> str:
        return self.text


class Invitation(models.Model):
    """Who was asked for opinions: a deputy, an expert or a collection point."""

    class Kind(models.TextChoices):
        DEPUTY = "deputy", _("人大代表")
        EXPERT = "expert", _("专家")
        POINT = "point", _("立法信息采集点")

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="invitations"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    deputy = models.ForeignKey("directory.Deputy", null=True, blank=True, on_delete=models.CASCADE)
    expert = models.ForeignKey("directory.Expert", null=True, blank=True, on_delete=models.CASCADE)
    point = models.ForeignKey(
        "directory.CollectionPoint", null=True, blank=True, on_delete=models.CASCADE
    )
    invited_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["consultation", "kind", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "deputy"], name="legislation_invite_deputy"
            ),
            models.UniqueConstraint(
                fields=["consultation", "expert"], name="legislation_invite_expert"
            ),
            models.UniqueConstraint(
                fields=["consultation", "point"], name="legislation_invite_point"
            ),
        ]

    def __str__(self) -> str:
        return str(self.deputy or self.expert or self.point)


class ExpertQuestion(models.Model):
    """A specific question put to one expert, and the expert's answer."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="expert_questions"
    )
    expert = models.ForeignKey("directory.Expert", on_delete=models.PROTECT, related_name="+")
    article = models.ForeignKey(Article, null=True, blank=True, on_delete=models.SET_NULL)
    question = models.TextField(_("问题"))
    answer = models.TextField(_("解答"), blank=True)
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    asked_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-asked_at"]

    def __str__(self) -> str:
        return self.question[:40]

    @property
    def congress(self):
        return self.consultation.congress


class OpinionGroup(models.Model):
    """Near-identical opinions taken as one position; a campaign when many (群体性意见)."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="groups")
    representative = models.ForeignKey(
        "Opinion", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    size = models.PositiveIntegerField(default=0)
    is_campaign = models.BooleanField(_("群体性意见"), default=False)
    reviewed = models.BooleanField(_("已复核"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-size", "pk"]

    def __str__(self) -> str:
        return f"#{self.pk} ×{self.size}"


class Opinion(models.Model):
    """One opinion on an article or on the whole draft; never deleted."""

    class Source(models.TextChoices):
        ONLINE = "online", _("网上征集")
        OFFLINE = "offline", _("信息员录入")
        DEPUTY = "deputy", _("人大代表")
        EXPERT = "expert", _("专家")
        CHANNEL = "channel", _("群众留言转入")
        API = "api", _("接口提交")

    class Method(models.TextChoices):
        ONLINE = "online", _("网上")
        VISIT = "visit", _("走访")
        SYMPOSIUM = "symposium", _("座谈会")
        PHONE = "phone", _("电话")
        LETTER = "letter", _("来信")
        HEARING = "hearing", _("论证会")
        OTHER = "other", _("其他")

    class Adoption(models.TextChoices):
        PENDING = "", _("未认定")
        ADOPTED = "adopted", _("采纳")
        PARTLY = "partly", _("部分采纳")
        NOT_ADOPTED = "not_adopted", _("未采纳")

    consultation = models.ForeignKey(
        Consultation, on_delete=models.PROTECT, related_name="opinions"
    )
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.PROTECT, related_name="opinions"
    )
    text = models.TextField(_("意见内容"))
    name = models.CharField(_("姓名"), max_length=50, blank=True)
    phone = models.CharField(_("联系方式"), max_length=30, blank=True)
    source = models.CharField(_("来源"), max_length=10, choices=Source.choices)
    method = models.CharField(
        _("收集方式"), max_length=10, choices=Method.choices, default=Method.ONLINE
    )
    point = models.ForeignKey(
        "directory.CollectionPoint",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("采集点"),
    )
    deputy = models.ForeignKey(
        "directory.Deputy", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    expert = models.ForeignKey(
        "directory.Expert", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    idempotency_key = models.CharField(max_length=64, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    group = models.ForeignKey(
        OpinionGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="opinions"
    )
    tags = models.CharField(_("标签"), max_length=200, blank=True)
    handling_view = models.TextField(_("处理意见"), blank=True)
    adoption = models.CharField(
        _("采纳情况"), max_length=12, choices=Adoption.choices, blank=True, default=""
    )
    certificate_no = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "idempotency_key"], name="legislation_opinion_idempotency"
            )
        ]
        indexes = [models.Index(fields=["consultation", "article"])]

    def __str__(self) -> str:
        return self.text[:40]

    @property
    def congress(self):
        return self.consultation.congress

    @property
    def contributor_kind(self) -> str:
        """Return the kind of contributor: deputy, expert or citizen."""
        if self.deputy_id:
            return "deputy"
        if self.expert_id:
            return "expert"
        return "citizen"

    def tag_list(self) -> list[str]:
        return [t for t in self.tags.split(",") if t]
