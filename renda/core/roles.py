"""The roles a person may hold in a congress (DOMAIN.md, "Users and roles")."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    DEPUTY = "deputy", _("人大代表")
    STAFF = "staff", _("人大机关工作人员")
    UNIT = "unit", _("承办单位")
    FILER = "filer", _("规范性文件制定主体")
    GOV_REVIEWER = "gov_reviewer", _("政府备案审查机关")
    EXPERT = "expert", _("专家")
    OFFICER = "officer", _("信息员")
    STATION_MANAGER = "station_manager", _("联络站管理员")
    ADMIN = "admin", _("系统管理员")
    AUDITOR = "auditor", _("审计管理员")
    CITIZEN = "citizen", _("群众")


ROLE_DESCRIPTIONS: dict[str, str] = {
    Role.DEPUTY: _(
        "接收群众留言并答复，提出代表建议并评价办理结果，对法规草案提意见，参加民生实事票决和履职活动。"
    ),
    Role.STAFF: _(
        "登记交办代表建议、督办、组织立法意见征询、审查规范性文件备案、组织票决、统计报告。"
    ),
    Role.UNIT: _("接收交办的代表建议和转办的群众诉求，在期限内答复。"),
    Role.FILER: _("报备本单位制定的规范性文件，回应审查意见，纠正问题文件。"),
    Role.GOV_REVIEWER: _("政府一侧的规范性文件备案审查（司法局）。"),
    Role.EXPERT: _("解答法规草案和备案审查中的专业问题。"),
    Role.OFFICER: _("在立法信息采集点代群众录入线下收集的意见。"),
    Role.STATION_MANAGER: _("管理代表联络站或示范点：接待日、活动、群众留言。"),
    Role.ADMIN: _("维护基础数据、账号和配置。"),
    Role.AUDITOR: _("查阅审计日志，核查谁在何时做了什么（与系统管理员分设）。"),
    Role.CITIZEN: _("扫码留言、跟踪办理进度并评价，对公开的草案提意见，提出民生实事项目。"),
}
