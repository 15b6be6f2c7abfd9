"""Models of the projects module: a year's round, proposals, candidates/projects, the vote.

The ballot is secret: `Elector` records WHO voted (and when), `Ballot` records WHAT was chosen,
and nothing joins them. A ballot has a random UUID key, no timestamp, no voter, no channel, and
its choices live inside the row (no child rows whose ids would follow the casting order). When
the vote is counted the ballot box is shuffled: every ballot is rewritten under a new random key
in random order, so even the storage order no longer follows the order of casting.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from renda.projects.workflow import ProjectState, ProposalState, RoundState, VoteState


class Round(models.Model):
    """One year's livelihood projects of a congress (民生实事项目票决年度)."""

    class State(models.TextChoices):
        COLLECTING = RoundState.COLLECTING, _("群众点单征集中")
        SHORTLISTING = RoundState.SHORTLISTING, _("遴选候选项目")
        COMMENTING = RoundState.COMMENTING, _("候选项目公示")
        VOTING = RoundState.VOTING, _("代表票决中")
        DECIDED = RoundState.DECIDED, _("实施和监督")
        CLOSED = RoundState.CLOSED, _("已办结")

    congress = models.ForeignKey("core.Congress", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("名称"), max_length=100)
    seats = models.PositiveSmallIntegerField(
        _("票决项目数"),
        default=10,
        validators=[MinValueValidator(1)],
        help_text=_("代表从候选项目中最多选择的项目数（N）。"),
    )
    state = models.CharField(
        _("阶段"), max_length=20, choices=State.choices, default=State.COLLECTING
    )
    comment_until = models.DateField(_("公示截止"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("票决年度")
        verbose_name_plural = _("票决年度")
        ordering = ["-year", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["congress", "year"], name="round_unique_year")
        ]

    def __str__(self) -> str:
        return self.title


class Project(models.Model):
    """A candidate, and once adopted a livelihood project being implemented (民生实事项目)."""

    class State(models.TextChoices):
        DRAFT = ProjectState.DRAFT, _("拟定中")
        CANDIDATE = ProjectState.CANDIDATE, _("候选项目")
        WITHDRAWN = ProjectState.WITHDRAWN, _("已撤回")
        TIED = ProjectState.TIED, _("票数并列待另行票决")
        NOT_ADOPTED = ProjectState.NOT_ADOPTED, _("未通过")
        ADOPTED = ProjectState.ADOPTED, _("票决通过")
        IN_PROGRESS = ProjectState.IN_PROGRESS, _("实施中")
        COMPLETED = ProjectState.COMPLETED, _("已完成待验收")
        VERIFIED = ProjectState.VERIFIED, _("已验收")

    congress = models.ForeignKey("core.Congress", on_delete=models.PROTECT, related_name="+")
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="projects")
    public_code = models.CharField(_("公开编码"), max_length=12, unique=True, editable=False)
    title = models.CharField(_("项目名称"), max_length=100)
    scope = models.TextField(_("建设内容和范围"))
    budget = models.DecimalField(
        _("预算（万元）"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    spent = models.DecimalField(_("已支出（万元）"), max_digits=12, decimal_places=2, default=0)
    unit = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("责任单位"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    co_units = models.ManyToManyField(
        "directory.Organization", verbose_name=_("配合单位"), blank=True, related_name="+"
    )
    starts_on = models.DateField(_("计划开工"))
    ends_on = models.DateField(_("计划完成"))
    percent = models.PositiveSmallIntegerField(
        _("完成进度（%）"), default=0, validators=[MaxValueValidator(100)]
    )
    state = models.CharField(_("状态"), max_length=20, choices=State.choices, default=State.DRAFT)
    votes = models.PositiveIntegerField(_("得票"), null=True, blank=True)
    verification = models.TextField(_("验收意见"), blank=True)
    verified_at = models.DateTimeField(_("验收时间"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("民生实事项目")
        verbose_name_plural = _("民生实事项目")
        ordering = ["round", "id"]
        indexes = [models.Index(fields=["round", "state"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="project_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(percent__lte=100), name="project_percent_max"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.state not in (self.State.DRAFT, self.State.WITHDRAWN)

    @property
    def is_implementing(self) -> bool:
        return self.state in (
            self.State.ADOPTED,
            self.State.IN_PROGRESS,
            self.State.COMPLETED,
            self.State.VERIFIED,
        )


class Proposal(models.Model):
    """A citizen's proposal for a livelihood project (群众点单); name and phone are personal."""

    class State(models.TextChoices):
        RECEIVED = ProposalState.RECEIVED, _("已收到")
        MERGED = ProposalState.MERGED, _("已归入候选项目")
        DECLINED = ProposalState.DECLINED, _("未采纳")

    congress = models.ForeignKey("core.Congress", on_delete=models.PROTECT, related_name="+")
    round = models.ForeignKey(
        Round, null=True, blank=True, on_delete=models.PROTECT, related_name="proposals"
    )
    tracking_code = models.CharField(_("查询码"), max_length=12, unique=True, editable=False)
    title = models.CharField(_("项目名称"), max_length=100)
    body = models.TextField(_("项目内容和理由"), max_length=2000)
    name = models.CharField(_("姓名"), max_length=50, blank=True)
    phone = models.CharField(_("手机号"), max_length=20, blank=True)
    source_label = models.CharField(_("来源"), max_length=100, blank=True)
    idempotency_key = models.CharField(max_length=64, null=True, blank=True, editable=False)
    state = models.CharField(
        _("状态"), max_length=20, choices=State.choices, default=State.RECEIVED
    )
    project = models.ForeignKey(
        Project,
        verbose_name=_("归入项目"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    reply = models.CharField(_("答复"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("群众点单")
        verbose_name_plural = _("群众点单")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["congress", "state"])]
        constraints = [
            models.UniqueConstraint(
                fields=["congress", "idempotency_key"],
                condition=Q(idempotency_key__isnull=False),
                name="proposal_unique_idempotency_key",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Comment(models.Model):
    """A public comment on a published candidate (公示征求意见); anonymous to the public."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="comments")
    body = models.TextField(_("意见"), max_length=1000)
    name = models.CharField(_("称呼"), max_length=50, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("公示意见")
        verbose_name_plural = _("公示意见")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.body[:30]


class Vote(models.Model):
    """A vote of the deputies on a round's candidates; a runoff for tied seats is another vote."""

    class State(models.TextChoices):
        OPEN = VoteState.OPEN, _("投票中")
        COUNTED = VoteState.COUNTED, _("已计票")

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="votes")
    title = models.CharField(_("名称"), max_length=100)
    seats = models.PositiveSmallIntegerField(_("应选项目数"))
    candidates = models.ManyToManyField(Project, related_name="+")
    entitled = models.PositiveIntegerField(_("有表决权的代表人数"))
    quorum_num = models.PositiveSmallIntegerField(default=2)
    quorum_den = models.PositiveSmallIntegerField(default=3)
    state = models.CharField(_("状态"), max_length=10, choices=State.choices, default=State.OPEN)
    opened_at = models.DateTimeField(auto_now_add=True)
    counted_at = models.DateTimeField(null=True, blank=True)
    cast = models.PositiveIntegerField(_("收回选票"), null=True, blank=True)
    invalid = models.PositiveIntegerField(_("废票"), null=True, blank=True)
    quorum_met = models.BooleanField(null=True)
    digest = models.CharField(_("选票摘要"), max_length=64, blank=True)
    # How many paper ballots were entered: a count, so it says nothing about whose they were.
    paper_entered = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("票决")
        verbose_name_plural = _("票决")
        ordering = ["round", "id"]

    def __str__(self) -> str:
        return self.title


class Elector(models.Model):
    """A deputy entitled to vote (the roll, fixed when the vote opens) and whether they voted."""

    class Channel(models.TextChoices):
        ELECTRONIC = "electronic", _("电子表决")
        PAPER = "paper", _("纸质选票")

    vote = models.ForeignKey(Vote, on_delete=models.PROTECT, related_name="electors")
    deputy = models.ForeignKey("directory.Deputy", on_delete=models.PROTECT, related_name="+")
    voted_at = models.DateTimeField(_("投票时间"), null=True, blank=True)
    channel = models.CharField(_("方式"), max_length=12, choices=Channel.choices, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("投票代表")
        verbose_name_plural = _("投票代表")
        constraints = [
            models.UniqueConstraint(fields=["vote", "deputy"], name="elector_once_per_vote")
        ]

    def __str__(self) -> str:
        return str(self.deputy_id)


class Ballot(models.Model):
    """One ballot in the box: what was chosen, never by whom or when."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    vote = models.ForeignKey(Vote, on_delete=models.PROTECT, related_name="ballots")
    choices = models.JSONField(default=list)  # sorted candidate ids
    invalid = models.BooleanField(default=False)  # 废票 (an over-marked paper ballot…)

    class Meta:
        verbose_name = _("选票")
        verbose_name_plural = _("选票")
        ordering = ["id"]

    def __str__(self) -> str:
        return str(self.id)


class Result(models.Model):
    """A candidate's votes and outcome in a counted vote, as stored at the count."""

    vote = models.ForeignKey(Vote, on_delete=models.PROTECT, related_name="results")
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="results")
    votes = models.PositiveIntegerField(_("得票"))
    outcome = models.CharField(_("结果"), max_length=12)
    rank = models.PositiveSmallIntegerField(_("名次"))

    class Meta:
        ordering = ["vote", "rank", "project"]
        constraints = [
            models.UniqueConstraint(fields=["vote", "project"], name="result_once_per_project")
        ]

    def __str__(self) -> str:
        return f"{self.project_id}: {self.votes}"


class Milestone(models.Model):
    """A planned step of an adopted project with its date (实施节点)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("节点"), max_length=100)
    due_on = models.DateField(_("计划日期"))
    done_on = models.DateField(_("完成日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("实施节点")
        verbose_name_plural = _("实施节点")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.title


class ProgressReport(models.Model):
    """A responsible unit's report on progress and spending, with photos as attachments."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="reports")
    percent = models.PositiveSmallIntegerField(
        _("完成进度（%）"), validators=[MaxValueValidator(100)]
    )
    spent = models.DecimalField(_("累计支出（万元）"), max_digits=12, decimal_places=2)
    summary = models.TextField(_("进展情况"), max_length=2000)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    source = models.CharField(max_length=10, default="form")  # form / excel
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("进展报告")
        verbose_name_plural = _("进展报告")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.project_id}: {self.percent}%"


class CheckIn(models.Model):
    """One of the three scheduled check-ins (三问): findings and requests to the government."""

    class Stage(models.TextChoices):
        ARRANGEMENT = "arrangement", _("年初问安排")
        PROGRESS = "progress", _("年中问进度")
        RESULTS = "results", _("年末问结果")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="check_ins")
    stage = models.CharField(_("环节"), max_length=12, choices=Stage.choices)
    held_on = models.DateField(_("日期"))
    findings = models.TextField(_("了解到的情况"), max_length=3000)
    requests = models.TextField(_("向政府提出的意见和整改要求"), max_length=3000, blank=True)
    response = models.TextField(_("整改落实情况"), max_length=3000, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("三问")
        verbose_name_plural = _("三问")
        ordering = ["held_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "stage"], name="check_in_once_per_stage")
        ]

    def __str__(self) -> str:
        return self.get_stage_display()


class Evaluation(models.Model):
    """A satisfaction score (满意度测评) by a deputy, or anonymously by a citizen."""

    class Level(models.TextChoices):
        SATISFIED = "satisfied", _("满意")
        BASIC = "basic", _("基本满意")
        UNSATISFIED = "unsatisfied", _("不满意")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="evaluations")
    deputy = models.ForeignKey(
        "directory.Deputy", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    score = models.PositiveSmallIntegerField(
        _("评分"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    level = models.CharField(_("满意度"), max_length=12, choices=Level.choices)
    remark = models.CharField(_("意见"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("满意度测评")
        verbose_name_plural = _("满意度测评")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "deputy"],
                condition=Q(deputy__isnull=False),
                name="evaluation_once_per_deputy",
            ),
            models.CheckConstraint(condition=Q(score__lte=100), name="evaluation_score_max"),
        ]

    def __str__(self) -> str:
        return f"{self.project_id}: {self.score}"
