"""Consultation services on the database: parse, invite, submit, group, report, adopt."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from renda.core.models import AuditEvent, Notification
from renda.core.tests.factories import make_user
from renda.directory.models import ExpertLedgerEntry
from renda.legislation import experts, reviewing, services
from renda.legislation.models import Article, Consultation, Opinion
from renda.legislation.tests.factories import DRAFT, open_consultation, setup_people

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    return setup_people()


def docx_upload(text: str) -> SimpleUploadedFile:
    document = Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile("draft.docx", buffer.getvalue())


def test_a_word_draft_is_parsed_into_articles_with_chapters(people):
    consultation = services.consultation_create(
        congress=people["congress"], upload=docx_upload(DRAFT), actor=people["staff"]
    )
    articles = list(consultation.articles.all())
    assert consultation.title == "清河区测试条例（草案）"
    assert [a.number for a in articles] == [1, 2, 3, 4]
    assert articles[2].chapter.startswith("第二章")
    assert consultation.draft_file is not None
    assert AuditEvent.objects.filter(action="legislation.consultation.create").exists()


def test_a_text_without_articles_is_refused_at_the_field(people):
    with pytest.raises(ValidationError) as error:
        services.consultation_create(
            congress=people["congress"], text="随便写点", actor=people["staff"]
        )
    assert "draft" in error.value.message_dict


def test_staff_correct_the_parse_only_before_publishing(people):
    consultation = services.consultation_create(
        congress=people["congress"], text=DRAFT, actor=people["staff"]
    )
    article = consultation.articles.get(number=2)
    services.article_update(
        article=article,
        label="第二条",
        caption="适用范围",
        chapter="",
        text="本条例适用于清河区。",
        actor=people["staff"],
    )
    article.refresh_from_db()
    assert article.caption == "适用范围" and article.text == "本条例适用于清河区。"
    services.consultation_publish(consultation=consultation, actor=people["staff"])
    with pytest.raises(ValidationError):
        services.article_update(
            article=article,
            label="第二条",
            caption="",
            chapter="",
            text="改",
            actor=people["staff"],
        )


def test_others_cannot_create_or_publish(people):
    with pytest.raises(PermissionDenied):
        services.consultation_create(
            congress=people["congress"], text=DRAFT, actor=people["officer"]
        )
    consultation = services.consultation_create(
        congress=people["congress"], text=DRAFT, actor=people["staff"]
    )
    with pytest.raises(PermissionDenied):
        services.consultation_publish(consultation=consultation, actor=people["deputy_user"])


def test_invitations_reach_deputies_experts_and_officers_once(people):
    consultation = open_consultation(people)
    count = services.invitations_send(
        consultation=consultation,
        deputy_field="城乡",
        expert_field="法学",
        points=[people["point"]],
        actor=people["staff"],
    )
    assert count == 3
    for user in (people["deputy_user"], people["expert_user"], people["officer"]):
        assert Notification.objects.filter(recipient=user, kind="legislation.invite").count() == 1
    again = services.invitations_send(
        consultation=consultation, deputy_field="城乡", actor=people["staff"]
    )
    assert again == 0


def test_anyone_submits_once_per_idempotency_key_while_open(people):
    consultation = open_consultation(people)
    first = services.opinion_submit(
        consultation=consultation,
        text="建议修改第三条罚款幅度。",
        article=3,
        idempotency_key="k1",
        phone="13812345678",
    )
    again = services.opinion_submit(
        consultation=consultation, text="建议修改第三条罚款幅度。", article=3, idempotency_key="k1"
    )
    assert first.pk == again.pk
    assert consultation.opinions.count() == 1
    assert first.article.number == 3 and first.source == Opinion.Source.ONLINE
    audit = AuditEvent.objects.get(action="legislation.opinion.submit")
    assert "13812345678" not in str(audit.data)


def test_bad_input_gets_field_messages(people):
    consultation = open_consultation(people)
    with pytest.raises(ValidationError) as error:
        services.opinion_submit(consultation=consultation, text="", article=99, phone="abc")
    assert set(error.value.message_dict) == {"text", "phone"}
    with pytest.raises(ValidationError) as error:
        services.opinion_submit(consultation=consultation, text="有意见", article=99)
    assert "草案没有第 99 条" in error.value.message_dict["article"][0]


def test_no_opinions_before_opening_or_after_closing(people):
    consultation = services.consultation_create(
        congress=people["congress"], text=DRAFT, actor=people["staff"]
    )
    with pytest.raises(ValidationError):
        services.opinion_submit(consultation=consultation, text="提前提意见")
    services.consultation_publish(consultation=consultation, actor=people["staff"])
    services.consultation_close(consultation=consultation, actor=people["staff"])
    with pytest.raises(ValidationError):
        services.opinion_submit(consultation=consultation, text="截止后提意见")


def test_officer_enters_offline_opinion_with_point_and_method(people):
    consultation = open_consultation(people)
    opinion = services.opinion_submit(
        consultation=consultation,
        text="村民建议罚款降低。",
        article=3,
        source="offline",
        point=people["point"],
        method="visit",
        actor=people["officer"],
    )
    assert opinion.point == people["point"] and opinion.method == "visit"
    with pytest.raises(ValidationError) as error:
        services.opinion_submit(
            consultation=consultation,
            text="无采集点",
            source="offline",
            actor=people["officer"],
            method="visit",
        )
    assert "point" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        services.opinion_submit(
            consultation=consultation,
            text="冒充信息员",
            source="offline",
            point=people["point"],
            method="visit",
            actor=make_user(),
        )


def test_deputy_and_expert_comment_and_expert_answers_into_ledger(people):
    consultation = open_consultation(people)
    by_deputy = services.opinion_submit(
        consultation=consultation, text="代表意见", source="deputy", actor=people["deputy_user"]
    )
    assert by_deputy.deputy == people["deputy"] and by_deputy.name == "张志强"
    question = experts.expert_question_ask(
        consultation=consultation,
        expert=people["expert"],
        question="罚款幅度是否合法？",
        actor=people["staff"],
    )
    experts.expert_question_answer(
        question=question, answer="符合消防法。", actor=people["expert_user"]
    )
    ledger = ExpertLedgerEntry.objects.filter(expert=people["expert"])
    assert ledger.filter(kind="立法咨询").count() == 1
    with pytest.raises(PermissionDenied):
        experts.expert_question_answer(
            question=question, answer="冒答", actor=people["deputy_user"]
        )


def test_grouping_keeps_every_copy_and_reviewed_groups_survive(people):
    consultation = open_consultation(people)
    for k in range(12):
        services.opinion_submit(
            consultation=consultation,
            article=3,
            text="强烈要求第三条罚款降到二十元以下！" + ("！" * (k % 2)),
        )
    services.opinion_submit(consultation=consultation, text="建议第一条写明立法目的。")
    figures = reviewing.consultation_group(consultation=consultation, actor=people["staff"])
    assert figures == {"opinions": 13, "groups": 1, "campaigns": 1}
    group = consultation.groups.get()
    assert group.size == 12 and group.is_campaign
    assert consultation.opinions.count() == 13
    reviewing.group_review(group=group, is_campaign=True, actor=people["staff"])
    reviewing.consultation_group(consultation=consultation, actor=people["staff"])
    assert consultation.groups.get().pk == group.pk


def test_handling_applies_to_the_whole_group_and_ungroup_resizes(people):
    consultation = open_consultation(people)
    for _ in range(3):
        services.opinion_submit(consultation=consultation, text="第三条罚款太高了建议降低")
    reviewing.consultation_group(consultation=consultation, actor=people["staff"], campaign_min=3)
    one = consultation.opinions.first()
    count = reviewing.opinions_handle(
        opinions=[one], tags="罚款,  幅度", handling_view="建议采纳", actor=people["staff"]
    )
    assert count == 3
    assert set(consultation.opinions.values_list("tags", flat=True)) == {"罚款,幅度"}
    reviewing.opinion_ungroup(opinion=one, actor=people["staff"])
    assert consultation.groups.get().size == 2


def test_final_text_is_aligned_and_adoption_credits_the_deputy(people):
    consultation = open_consultation(people)
    opinion = services.opinion_submit(
        consultation=consultation,
        text="罚款应降低",
        article=3,
        source="deputy",
        actor=people["deputy_user"],
    )
    services.consultation_close(consultation=consultation, actor=people["staff"])
    with pytest.raises(ValidationError):
        reviewing.opinions_mark_adoption(
            opinions=[opinion], adoption="adopted", actor=people["staff"]
        )
    final = (
        DRAFT.replace("五十元以上五百元以下", "二十元以上二百元以下")
        .replace("第四条", "第五条")
        .replace("第二章　管理\n", "第二章　管理\n\n第四条　区人民政府应当加强宣传。\n")
    )
    matches = reviewing.final_import(consultation=consultation, text=final, actor=people["staff"])
    consultation.refresh_from_db()
    assert consultation.state == Consultation.State.FINALIZED
    article = consultation.articles.get(version=Article.Version.DRAFT, number=3)
    assert article.change == Article.Change.CHANGED and article.counterpart.number == 3
    moved = consultation.articles.get(version=Article.Version.DRAFT, number=4)
    assert moved.counterpart.number == 5 and moved.change == Article.Change.SAME
    assert sum(1 for m in matches if m.change == "added") == 1
    count = reviewing.opinions_mark_adoption(
        opinions=[opinion], adoption="adopted", actor=people["staff"]
    )
    opinion.refresh_from_db()
    assert count == 1 and opinion.certificate_no
    assert Notification.objects.filter(
        recipient=people["deputy_user"], kind="legislation.adopted"
    ).exists()


def test_tick_closes_due_consultations_once(people):
    import datetime as dt

    from django.utils import timezone

    from renda.legislation.tick import close_due

    consultation = open_consultation(people)
    now = timezone.make_aware(dt.datetime(2026, 3, 1, 9))
    assert close_due(now) == 1
    assert close_due(now) == 0
    consultation.refresh_from_db()
    assert consultation.state == Consultation.State.CLOSED
