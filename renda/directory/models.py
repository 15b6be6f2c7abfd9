"""The directory: deputies, groups, stations, collection points, experts and organizations."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class DeputyLevel(models.TextChoices):
    NATIONAL = "national", _("全国人大代表")
    PROVINCE = "province", _("省人大代表")
    CITY = "city", _("市人大代表")
    COUNTY = "county", _("区县人大代表")
    TOWNSHIP = "township", _("乡镇人大代表")


class ProfessionalGroup(models.Model):
    """A professional group of deputies (专业代表小组)."""

    congress = models.ForeignKey("core.Congress", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("名称"), max_length=100)
    description = models.TextField(_("说明"), blank=True)

    class Meta:
        verbose_name = _("专业代表小组")
        verbose_name_plural = _("专业代表小组")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["congress", "name"], name="group_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Station(models.Model):
    """A liaison station or demonstration point where deputies meet the people."""

    class Kind(models.TextChoices):
        LIAISON_STATION = "liaison_station", _("代表联络站")
        PROFESSIONAL_STATION = "professional_station", _("专业代表联络站")
        DEMONSTRATION_POINT = "demonstration_point", _("全过程人民民主示范点")

    congress = models.ForeignKey("core.Congress", on_delete=models.PROTECT, related_name="+")
    public_code = models.CharField(_("公开编码"), max_length=12, unique=True, editable=False)
    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=30, choices=Kind.choices)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    reception_schedule = models.CharField(
        _("接待时间"), max_length=200, blank=True, help_text=_("例如：每月15日上午9:00—11:30")
    )
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    description = models.TextField(_("简介"), blank=True)
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("管理员"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="managed_stations",
    )
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("联络站")
        verbose_name_plural = _("联络站")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["congress", "name"], name="station_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Deputy(models.Model):
    """A deputy (人大代表) as the congress keeps the record; contact data is personal."""

    class Status(models.TextChoices):
        SERVING = "serving", _("在任")
        ENDED = "ended", _("终止")

    class Gender(models.TextChoices):
        MALE = "M", _("男")
        FEMALE = "F", _("女")

    congress = models.ForeignKey("core.Congress", on_delete=models.PROTECT, related_name="+")
    public_code = models.CharField(_("公开编码"), max_length=12, unique=True, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("平台账号"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deputy",
    )
    name = models.CharField(_("姓名"), max_length=50)
    name_initials = models.CharField(max_length=20, db_index=True, editable=False)
    name_pinyin = models.CharField(max_length=120, editable=False)
    gender = models.CharField(_("性别"), max_length=1, choices=Gender.choices, blank=True)
    level = models.CharField(_("代表层级"), max_length=20, choices=DeputyLevel.choices)
    term = models.PositiveSmallIntegerField(_("届次"), help_text=_("例如 18 表示第十八届"))
    delegation = models.CharField(_("代表团"), max_length=100, blank=True)
    group = models.ForeignKey(
        ProfessionalGroup,
        verbose_name=_("专业代表小组"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deputies",
    )
    field = models.CharField(_("专业领域"), max_length=100, blank=True)
    station = models.ForeignKey(
        Station,
        verbose_name=_("联络站"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deputies",
    )
    occupation = models.CharField(_("工作单位及职务"), max_length=200, blank=True)
    phone = models.CharField(_("手机号"), max_length=20, blank=True)
    id_number = models.CharField(_("身份证号"), max_length=18, blank=True)
    photo = models.ForeignKey(
        "core.Attachment",
        verbose_name=_("照片"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bio = models.TextField(_("履职简介"), blank=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.SERVING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("人大代表")
        verbose_name_plural = _("人大代表")
        ordering = ["name_pinyin", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["congress", "id_number"],
                condition=~Q(id_number=""),
                name="deputy_unique_id_number",
            ),
            models.UniqueConstraint(
                fields=["congress", "name", "phone"],
                condition=~Q(phone=""),
                name="deputy_unique_name_phone",
            ),
        ]
        indexes = [models.Index(fields=["congress", "status", "level"])]

    def __str__(self) -> str:
        return self.name

    @property
    def term_label(self) -> str:
        from renda.lawtext.numerals import int_to_cn

        return f"第{int_to_cn(self.term)}届"


class CollectionPoint(models.Model):
    """A legislative information collection point (立法信息采集点)."""

    congress = models.ForeignKey("core.Congress", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("名称"), max_length=100)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    description = models.TextField(_("简介"), blank=True)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("立法信息采集点")
        verbose_name_plural = _("立法信息采集点")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["congress", "name"], name="point_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class InformationOfficer(models.Model):
    """An information officer (信息员) of a collection point."""

    point = models.ForeignKey(CollectionPoint, on_delete=models.CASCADE, related_name="officers")
    name = models.CharField(_("姓名"), max_length=50)
    phone = models.CharField(_("手机号"), max_length=20, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("平台账号"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="officer_posts",
    )
    is_active = models.BooleanField(_("在岗"), default=True)

    class Meta:
        verbose_name = _("信息员")
        verbose_name_plural = _("信息员")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Expert(models.Model):
    """A member of the expert pool (专家库), appointed for a term."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("在聘")
        DISMISSED = "dismissed", _("已解聘")

    congress = models.ForeignKey("core.Congress", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("姓名"), max_length=50)
    field = models.CharField(_("专业领域"), max_length=100)
    organization = models.CharField(_("工作单位"), max_length=200, blank=True)
    title = models.CharField(_("职称职务"), max_length=100, blank=True)
    phone = models.CharField(_("手机号"), max_length=20, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    appointed_on = models.DateField(_("聘任日期"))
    term_ends_on = models.DateField(_("聘期届满"), null=True, blank=True)
    dismissed_on = models.DateField(_("解聘日期"), null=True, blank=True)
    dismissal_reason = models.CharField(_("解聘原因"), max_length=200, blank=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("平台账号"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="expert",
    )

    class Meta:
        verbose_name = _("专家")
        verbose_name_plural = _("专家")
        ordering = ["field", "name"]

    def __str__(self) -> str:
        return self.name


class ExpertLedgerEntry(models.Model):
    """One piece of work an expert did, written by the module that asked for it."""

    expert = models.ForeignKey(Expert, on_delete=models.PROTECT, related_name="ledger")
    at = models.DateTimeField(_("时间"), auto_now_add=True)
    kind = models.CharField(_("类别"), max_length=50)
    summary = models.CharField(_("内容"), max_length=500)
    url = models.CharField(_("链接"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("专家工作台账")
        verbose_name_plural = _("专家工作台账")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return self.summary


class Organization(models.Model):
    """A government body: a handling unit, a filing body, the government reviewer, or several."""

    congress = models.ForeignKey("core.Congress", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("名称"), max_length=100)
    is_handling_unit = models.BooleanField(_("承办单位"), default=False)
    is_filing_body = models.BooleanField(_("规范性文件制定主体"), default=False)
    is_gov_reviewer = models.BooleanField(_("政府备案审查机关"), default=False)
    contact_name = models.CharField(_("联系人"), max_length=50, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("账号"), blank=True, related_name="organizations"
    )
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("单位")
        verbose_name_plural = _("单位")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["congress", "name"], name="organization_unique_name")
        ]

    def __str__(self) -> str:
        return self.name
