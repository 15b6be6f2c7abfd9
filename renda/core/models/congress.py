from django.db import models
from django.utils.translation import gettext_lazy as _


class Congress(models.Model):
    """A people's congress (its standing committee), one node of the congress tree."""

    class Level(models.IntegerChoices):
        NATIONAL = 1, _("全国")
        PROVINCE = 2, _("省级")
        CITY = 3, _("市级")
        COUNTY = 4, _("县级")
        TOWNSHIP = 5, _("乡镇级")

    code = models.SlugField(_("编码"), max_length=32, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    short_name = models.CharField(_("简称"), max_length=50, blank=True)
    level = models.PositiveSmallIntegerField(_("层级"), choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Materialised path of codes ("/dj/lc/qh/") for ancestor and descendant queries.
    path = models.CharField(max_length=400, unique=True, editable=False)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("人大")
        verbose_name_plural = _("人大")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def ancestor_codes(self) -> list[str]:
        """Return the codes from the root down to this congress, inclusive."""
        return [code for code in self.path.split("/") if code]
