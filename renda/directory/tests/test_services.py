"""Directory writes: derived fields, Chinese validation messages, audit without personal data."""

import pytest
from django.core.exceptions import ValidationError

from renda.core.models import AuditEvent
from renda.core.tests.factories import make_congress, make_user
from renda.directory import selectors, services
from renda.directory.models import Deputy, Expert

pytestmark = pytest.mark.django_db


def deputy(congress, **kwargs):
    values = {"name": "张志强", "level": "county", "term": 18, **kwargs}
    return services.entry_save(instance=Deputy(congress=congress, **values), actor=None)


def test_new_deputy_gets_a_public_code_and_pinyin_and_an_audit_entry_without_the_phone():
    congress = make_congress()
    d = deputy(congress, phone="138 0013 8000")
    assert len(d.public_code) == 8 and d.name_initials == "zzq" and d.phone == "13800138000"
    event = AuditEvent.objects.get(action="directory.deputy.create", target_id=str(d.pk))
    assert "13800138000" not in str(event.data)


def test_bad_personal_data_is_refused_per_field_in_chinese():
    congress = make_congress()
    with pytest.raises(ValidationError) as err:
        deputy(congress, phone="12345", id_number="123")
    assert set(err.value.message_dict) == {"phone", "id_number"}
    assert "手机号格式不正确" in err.value.message_dict["phone"][0]


def test_duplicate_by_name_and_phone_or_id_number():
    congress = make_congress()
    deputy(congress, phone="13800138000", id_number="11010519491231002X")
    with pytest.raises(ValidationError, match="重复"):
        deputy(congress, name="张志强", phone="13800138000")
    with pytest.raises(ValidationError, match="重复"):
        deputy(congress, name="别人", id_number="11010519491231002X")
    deputy(make_congress(), phone="13800138000")  # another congress keeps its own list


def test_reveal_returns_the_value_and_logs_who_saw_it(rf):
    congress = make_congress()
    staff = make_user()
    d = deputy(congress, phone="13800138000")
    assert services.personal_reveal(instance=d, field="phone", actor=staff) == "13800138000"
    event = AuditEvent.objects.get(action="personal_data.reveal")
    assert (event.actor, event.data) == (staff, {"field": "phone"})
    with pytest.raises(ValueError):
        services.personal_reveal(instance=d, field="name", actor=staff)


def test_search_by_chinese_initials_and_pinyin():
    congress = make_congress()
    deputy(congress, name="张志强")
    deputy(congress, name="陈丽华")

    def names(query):
        found = selectors.deputy_list(congresses=[congress], query=query)
        return set(found.values_list("name", flat=True))

    assert names("志强") == {"张志强"}
    assert names("zzq") == {"张志强"}
    assert names("ZZQ") == {"张志强"}
    assert names("chen") == {"陈丽华"}
    assert names("") == {"陈丽华", "张志强"}


def test_expert_dismissal_keeps_the_record_and_ledger():
    congress = make_congress()
    expert = services.entry_save(
        instance=Expert(congress=congress, name="孙立", field="法学", appointed_on="2025-01-01"),
        actor=None,
    )
    services.expert_ledger_record(expert=expert, kind="咨询", summary="解答草案第十条的问题")
    services.expert_dismiss(expert=expert, reason="聘期内调离", actor=make_user())
    expert.refresh_from_db()
    assert expert.status == "dismissed" and expert.dismissed_on is not None
    assert expert.ledger.count() == 1
    with pytest.raises(ValidationError, match="已经解聘"):
        services.expert_dismiss(expert=expert, reason="x", actor=make_user())
    assert expert in Expert.objects.all()
    assert list(selectors.active_experts(congress)) == []


def test_session_deputies_are_the_congress_own_level_and_serving():
    congress = make_congress()  # a county congress
    deputy(congress, name="区代表")
    deputy(congress, name="市代表", level="city", term=16)
    ended = deputy(congress, name="离任代表")
    ended.status = Deputy.Status.ENDED
    services.entry_save(instance=ended, actor=None)
    assert [d.name for d in selectors.session_deputies(congress)] == ["区代表"]
