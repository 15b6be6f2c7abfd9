"""The demo congress: a fictional district with its townships and an account for every role.

Modules add their own demo data with `@register(...)`; every loader is idempotent, so
`renda demo` can run on every start and keeps what is already there.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction

from renda.core.accounts import membership_grant, user_create
from renda.core.congresses import congress_create
from renda.core.models import Congress, Notification, User
from renda.core.notices import notify
from renda.core.roles import Role

DEMO_PASSWORD = "Renda@2026"


@dataclass
class DemoAccount:
    username: str
    full_name: str
    role: str
    congress: str
    office: str = ""
    superuser: bool = False


@dataclass
class DemoContext:
    """What loaders share: the congresses by code and the demo accounts by username."""

    congresses: dict[str, Congress] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)

    @property
    def district(self) -> Congress:
        return self.congresses["dj-lc-qh"]


CONGRESSES = [
    # code, name, short name, level, parent code
    ("dj", "东江省人民代表大会常务委员会", "东江省人大常委会", Congress.Level.PROVINCE, None),
    ("dj-lc", "临川市人民代表大会常务委员会", "临川市人大常委会", Congress.Level.CITY, "dj"),
    (
        "dj-lc-qh",
        "临川市清河区人民代表大会常务委员会",
        "清河区人大常委会",
        Congress.Level.COUNTY,
        "dj-lc",
    ),
    (
        "qh-bm",
        "清河区人大常委会北门街道工作委员会",
        "北门街道人大工委",
        Congress.Level.TOWNSHIP,
        "dj-lc-qh",
    ),
    (
        "qh-nh",
        "清河区人大常委会南湖街道工作委员会",
        "南湖街道人大工委",
        Congress.Level.TOWNSHIP,
        "dj-lc-qh",
    ),
    ("qh-la", "清河区柳岸镇人民代表大会", "柳岸镇人大", Congress.Level.TOWNSHIP, "dj-lc-qh"),
    ("qh-sq", "清河区石桥镇人民代表大会", "石桥镇人大", Congress.Level.TOWNSHIP, "dj-lc-qh"),
]

ACCOUNTS = [
    DemoAccount("admin", "系统管理员", Role.ADMIN, "dj-lc-qh", "办公室", superuser=True),
    DemoAccount("auditor", "审计员", Role.AUDITOR, "dj-lc-qh", "办公室"),
    DemoAccount("staff", "王晓梅", Role.STAFF, "dj-lc-qh", "代表工委"),
    DemoAccount("lawstaff", "李建国", Role.STAFF, "dj-lc-qh", "监察法制委"),
    DemoAccount("deputy", "张志强", Role.DEPUTY, "dj-lc-qh"),
    DemoAccount("deputy2", "陈丽华", Role.DEPUTY, "dj-lc-qh"),
    DemoAccount("unit", "赵刚", Role.UNIT, "dj-lc-qh", "区住房和城乡建设局"),
    DemoAccount("filer", "刘敏", Role.FILER, "dj-lc-qh", "区市场监督管理局"),
    DemoAccount("govreviewer", "周涛", Role.GOV_REVIEWER, "dj-lc-qh", "区司法局"),
    DemoAccount("expert", "孙立", Role.EXPERT, "dj-lc-qh", "法律咨询专家库"),
    DemoAccount("officer", "吴芳", Role.OFFICER, "dj-lc-qh", "柳岸镇立法信息采集点"),
    DemoAccount("station", "郑海", Role.STATION_MANAGER, "qh-bm", "北门街道代表联络站"),
    DemoAccount("citizen", "钱晓东", Role.CITIZEN, "dj-lc-qh"),
]

Loader = Callable[[DemoContext], None]
_loaders: list[tuple[int, str, Loader]] = []


def register(name: str, order: int = 100) -> Callable[[Loader], Loader]:
    """Register a module's demo loader; lower `order` runs first (core is 0)."""

    def decorator(loader: Loader) -> Loader:
        if all(existing != name for _o, existing, _l in _loaders):
            _loaders.append((order, name, loader))
        return loader

    return decorator


def load() -> DemoContext:
    """Load every registered part of the demo, keeping data that is already there."""
    context = DemoContext()
    for _order, _name, loader in sorted(_loaders, key=lambda item: (item[0], item[1])):
        with transaction.atomic():
            loader(context)
    return context


@register("core", order=0)
def load_core(context: DemoContext) -> None:
    """Create the congress tree and the demo accounts if they are missing."""
    for code, name, short_name, level, parent_code in CONGRESSES:
        congress = Congress.objects.filter(code=code).first() or congress_create(
            code=code,
            name=name,
            short_name=short_name,
            level=level,
            parent=context.congresses.get(parent_code) if parent_code else None,
        )
        context.congresses[code] = congress
    for account in ACCOUNTS:
        user = User.objects.filter(username=account.username).first()
        if user is None:
            user = user_create(
                username=account.username,
                password=DEMO_PASSWORD,
                full_name=account.full_name,
                email=f"{account.username}@example.org",
                is_superuser=account.superuser,
            )
        membership_grant(
            user=user,
            congress=context.congresses[account.congress],
            role=account.role,
            office=account.office,
        )
        context.users[account.username] = user
        if not Notification.objects.filter(recipient=user, kind="welcome").exists():
            notify(
                user,
                kind="welcome",
                congress=context.congresses[account.congress],
                title="欢迎使用智慧人大平台",
                body="这是演示数据：清河区人大常委会和它的四个街道、镇。",
            )


def accounts_table() -> str:
    """Describe the demo accounts for the console."""
    lines = [
        "",
        f"演示账号 Demo accounts (password for all / 统一密码: {DEMO_PASSWORD})",
        "-" * 60,
    ]
    names = dict(CONGRESSES_SHORT)
    for account in ACCOUNTS:
        role = Role(account.role).label
        where = names.get(account.congress, account.congress)
        office = f" · {account.office}" if account.office else ""
        lines.append(f"  {account.username:<12} {account.full_name:<6} {role}（{where}{office}）")
    lines.append("-" * 60)
    return "\n".join(lines) + "\n"


CONGRESSES_SHORT = [(code, short) for code, _name, short, _level, _parent in CONGRESSES]
