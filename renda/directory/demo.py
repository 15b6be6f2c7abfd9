"""Demo directory of 清河区: hundreds of deputies of four levels, stations, experts, units."""

import datetime as dt
import random

from renda.core.demo import DemoContext, register
from renda.directory import services, validators
from renda.directory.models import (
    CollectionPoint,
    Deputy,
    DeputyLevel,
    Expert,
    InformationOfficer,
    Organization,
    ProfessionalGroup,
    Station,
)

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国建华志强海燕红梅晓东玉兰春梅国庆文军丹丹德明立新凤英建平学军小红金凤宏伟淑华春燕永刚"
GROUPS = [
    "经济发展", "城乡建设", "教育科技", "医疗卫生", "生态环保", "社会事业", "法治建设", "农业农村",
]  # fmt: skip
STATIONS = [
    ("北门街道代表联络站", Station.Kind.LIAISON_STATION, "北门街道文昌路18号", "每月15日上午9:00—11:30"),
    ("南湖街道代表联络站", Station.Kind.LIAISON_STATION, "南湖街道湖滨路6号", "每月10日、25日上午"),
    ("柳岸镇代表联络站", Station.Kind.LIAISON_STATION, "柳岸镇政府一楼", "每周三下午"),
    ("石桥镇代表联络站", Station.Kind.LIAISON_STATION, "石桥镇石桥街2号", "每月第一个周五全天"),
    ("纺织服装产业代表联络站", Station.Kind.PROFESSIONAL_STATION, "清河纺织产业园服务中心", "每季度首月第二周"),
    ("无人机产业代表联络站", Station.Kind.PROFESSIONAL_STATION, "清河低空经济产业园", "每季度末月第二周"),
    ("北门社区议事小院", Station.Kind.DEMONSTRATION_POINT, "北门社区文化广场东侧", "每周六上午"),
    ("南湖幸福圆桌会示范点", Station.Kind.DEMONSTRATION_POINT, "南湖社区党群服务中心", "每月最后一个周四晚上"),
]  # fmt: skip
POINTS = [
    "北门街道", "南湖街道", "柳岸镇", "石桥镇", "区律师协会", "区工商业联合会", "区总工会",
    "区妇女联合会", "清河中学", "区人民医院", "纺织产业园", "低空经济产业园", "湖滨社区", "石桥村",
]  # fmt: skip
FIELDS = ["法学", "经济管理", "城乡规划", "生态环境", "医疗卫生", "教育", "财政税务", "农业"]
ORGANIZATIONS = [
    "区发展和改革委员会", "区教育局", "区科学技术局", "区公安分局", "区民政局", "区财政局",
    "区人力资源和社会保障局", "区自然资源局", "区生态环境分局", "区住房和城乡建设局",
    "区交通运输局", "区水利局", "区农业农村局", "区商务局", "区文化和旅游局", "区卫生健康委员会",
    "区退役军人事务局", "区应急管理局", "区审计局", "区市场监督管理局", "区医疗保障局",
    "区城市管理局", "区综合行政执法局", "区数据局", "北门街道办事处", "南湖街道办事处",
    "柳岸镇人民政府", "石桥镇人民政府",
]  # fmt: skip
LEVELS = (
    [DeputyLevel.NATIONAL] * 2 + [DeputyLevel.PROVINCE] * 8 + [DeputyLevel.CITY] * 30
    + [DeputyLevel.COUNTY] * 180
)  # fmt: skip
TERMS = {
    DeputyLevel.NATIONAL: 14, DeputyLevel.PROVINCE: 14, DeputyLevel.CITY: 16,
    DeputyLevel.COUNTY: 18, DeputyLevel.TOWNSHIP: 18,
}  # fmt: skip


def fake_id_number(rng: random.Random) -> str:
    """Return a made-up ID number with a valid check digit (region 990101 does not exist)."""
    born = dt.date(1960, 1, 1) + dt.timedelta(days=rng.randrange(35 * 365))
    body = f"990101{born:%Y%m%d}{rng.randrange(1000):03d}"
    total = sum(int(d) * w for d, w in zip(body, validators.ID_WEIGHTS, strict=True))
    return body + validators.ID_CHECK[total % 11]


def _save(instance):
    return services.entry_save(instance=instance, actor=None, changed=["demo"])


@register("directory", order=10)
def load_directory(context: DemoContext) -> None:
    """Create the demo directory unless it is already there."""
    district = context.district
    if Deputy.objects.filter(congress=district).exists():
        return
    rng = random.Random(2026)  # made-up demo data
    users = context.users
    groups = [
        _save(ProfessionalGroup(congress=district, name=f"{name}专业代表小组")) for name in GROUPS
    ]
    stations = []
    for name, kind, address, schedule in STATIONS:
        stations.append(
            _save(
                Station(
                    congress=district, name=name, kind=kind, address=address,
                    reception_schedule=schedule, phone=f"0571-8{rng.randrange(10**6, 10**7)}",
                    description=f"{name}是清河区人大常委会设立的代表履职和联系群众的平台。",
                    manager=users["station"] if name == "北门街道代表联络站" else None,
                )
            )
        )  # fmt: skip
    for name, org in ((n, Organization(congress=district, name=n)) for n in ORGANIZATIONS):
        org.is_handling_unit = True
        org.is_filing_body = "街道" not in name
        org.contact_name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        org.contact_phone = f"0571-8{rng.randrange(10**6, 10**7)}"
        _save(org)
        members = {"区住房和城乡建设局": "unit", "区市场监督管理局": "filer"}
        if name in members:
            org.members.add(users[members[name]])
    _save(
        Organization(
            congress=district, name="区司法局", is_gov_reviewer=True, is_filing_body=True,
            is_handling_unit=True, contact_name="周涛", contact_phone="0571-86001234",
        )
    ).members.add(users["govreviewer"])  # fmt: skip

    for index, point_name in enumerate(POINTS):
        point = _save(CollectionPoint(congress=district, name=f"{point_name}立法信息采集点"))
        for n in range(2):
            officer = InformationOfficer(
                point=point,
                name="吴芳" if index == 2 and n == 0 else rng.choice(SURNAMES) + rng.choice(GIVEN),
                phone=f"13{rng.randrange(5, 10)}{rng.randrange(10**8):08d}",
                user=users["officer"] if index == 2 and n == 0 else None,
            )
            _save(officer)

    for n in range(20):
        appointed = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(300))
        _save(
            Expert(
                congress=district, name="孙立" if n == 0 else rng.choice(SURNAMES) + rng.choice(GIVEN),
                field=FIELDS[n % len(FIELDS)], organization=rng.choice(
                    ["临川大学法学院", "东江律师事务所", "临川市社会科学院", "清河区人民医院"]
                ), title=rng.choice(["教授", "律师", "研究员", "主任医师", "高级工程师"]),
                phone=f"13{rng.randrange(5, 10)}{rng.randrange(10**8):08d}",
                appointed_on=appointed, term_ends_on=appointed.replace(year=appointed.year + 3),
                user=users["expert"] if n == 0 else None,
            )
        )  # fmt: skip

    named = {
        0: ("张志强", users["deputy"], DeputyLevel.COUNTY),
        1: ("陈丽华", users["deputy2"], DeputyLevel.CITY),
    }
    towns = [context.congresses["qh-la"], context.congresses["qh-sq"]]
    plan = [(district, level) for level in LEVELS] + [
        (towns[i % 2], DeputyLevel.TOWNSHIP) for i in range(80)
    ]
    rng.shuffle(plan)
    for n, (congress, level) in enumerate(plan):
        name, user, level = named.get(n, (None, None, level))
        if n in named:
            congress = district
        town_stations = {"qh-la": stations[2], "qh-sq": stations[3]}
        station = town_stations.get(congress.code) or stations[n % len(stations)]
        _save(
            Deputy(
                congress=congress, user=user,
                name=name or rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(["", "", GIVEN[n % len(GIVEN)]]),
                gender=rng.choice(["M", "F"]), level=level, term=TERMS[level],
                delegation=f"{station.name.removesuffix('代表联络站')}代表团" if level == DeputyLevel.COUNTY else "",
                group=groups[1] if n == 0 else rng.choice([*groups, None]),
                field=FIELDS[n % len(FIELDS)], station=stations[0] if n == 0 else station,
                occupation=rng.choice(["社区党委书记", "企业负责人", "中学教师", "村委会主任", "医生", "律师", "个体工商户", "工程师"]),
                phone=f"13{rng.randrange(5, 10)}{rng.randrange(10**8):08d}",
                id_number=fake_id_number(rng),
                bio="长期扎根基层，关注民生实事，积极反映群众诉求。" if n % 3 == 0 else "",
            )
        )  # fmt: skip
