"""Forms of the staff, deputy and unit pages; each carries the version it was loaded with."""

from django import forms
from django.utils.translation import gettext_lazy as _

from renda.suggestions.handling import ACTIVITY_KINDS
from renda.suggestions.models import (
    Category,
    Cosigner,
    Period,
    ResultClass,
    Suggestion,
    SupervisionMember,
    Verdict,
)

DATE = forms.DateInput(attrs={"type": "date"})


class Versioned(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class DraftForm(Versioned):
    title = forms.CharField(label=_("标题"), max_length=200)
    body = forms.CharField(label=_("内容"), widget=forms.Textarea(attrs={"rows": 10}))
    category = forms.ChoiceField(label=_("类别"), choices=Category.choices)
    period = forms.ChoiceField(label=_("提出时间"), choices=Period.choices)


class InviteForm(Versioned):
    users = forms.ModelMultipleChoiceField(label=_("邀请代表"), queryset=None)
    kind = forms.ChoiceField(label=_("方式"), choices=Cosigner.Kind.choices)

    def __init__(self, *args, deputies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["users"].queryset = deputies
        self.fields["users"].label_from_instance = lambda u: u.display_name


class CosignForm(Versioned):
    kind = forms.ChoiceField(label=_("方式"), choices=Cosigner.Kind.choices)


class RegisterForm(Versioned):
    category = forms.ChoiceField(label=_("类别"), choices=Category.choices)
    is_complex = forms.BooleanField(label=_("复杂建议（6个月内答复）"), required=False)


class DeclineForm(Versioned):
    reason = forms.CharField(label=_("不予立案理由"), widget=forms.Textarea(attrs={"rows": 3}))


class SplitForm(Versioned):
    parts = forms.CharField(
        label=_("拆分为"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("每行一件：标题｜内容"),
    )

    def clean_parts(self):
        parts = []
        for line in self.cleaned_data["parts"].splitlines():
            if line.strip():
                title, _sep, body = line.partition("｜")
                parts.append((title.strip(), body.strip() or title.strip()))
        return parts


class MergeForm(Versioned):
    into = forms.CharField(label=_("并入建议编号"), max_length=20)


class AssignForm(Versioned):
    lead_unit = forms.ModelChoiceField(label=_("主办单位"), queryset=None)
    co_units = forms.ModelMultipleChoiceField(label=_("协办单位"), queryset=None, required=False)
    task = forms.CharField(label=_("明任务"), widget=forms.Textarea(attrs={"rows": 2}))
    duties = forms.CharField(
        label=_("明职责"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    requirements = forms.CharField(
        label=_("交要求"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    due_on = forms.DateField(
        label=_("交时限"), widget=DATE, required=False, help_text=_("不填则按规定期限")
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].queryset = units
        self.fields["co_units"].queryset = units


class ReasonForm(Versioned):
    reason = forms.CharField(label=_("理由"), widget=forms.Textarea(attrs={"rows": 3}))


class DecideReassignForm(Versioned):
    approve = forms.TypedChoiceField(
        label=_("决定"),
        choices=[("1", _("同意改办")), ("0", _("不同意"))],
        coerce=lambda v: v == "1",
    )
    new_lead_unit = forms.ModelChoiceField(label=_("改由主办"), queryset=None, required=False)
    note = forms.CharField(label=_("说明"), required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_lead_unit"].queryset = units


class SuperviseForm(Versioned):
    plan = forms.CharField(label=_("督办方案"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for role, label in SupervisionMember.Role.choices:
            self.fields[f"member_{role}"] = forms.CharField(label=label, required=False)

    def members(self) -> list[tuple[str, str]]:
        return [(r, self.cleaned_data.get(f"member_{r}", "")) for r in SupervisionMember.Role]


class ActivityForm(Versioned):
    kind = forms.ChoiceField(label=_("类型"), choices=list(ACTIVITY_KINDS.items()))
    held_on = forms.DateField(label=_("日期"), widget=DATE)
    summary = forms.CharField(label=_("情况"), widget=forms.Textarea(attrs={"rows": 3}))


class ReplyForm(Versioned):
    result_class = forms.ChoiceField(label=_("办理结果"), choices=ResultClass.choices)
    body = forms.CharField(label=_("答复内容"), widget=forms.Textarea(attrs={"rows": 6}))
    document = forms.FileField(label=_("答复函（PDF 或 Word）"), required=False)
    commitment_1 = forms.CharField(label=_("承诺事项一"), required=False)
    commitment_1_due = forms.DateField(label=_("完成日期"), widget=DATE, required=False)
    commitment_2 = forms.CharField(label=_("承诺事项二"), required=False)
    commitment_2_due = forms.DateField(label=_("完成日期"), widget=DATE, required=False)

    def commitments(self):
        return [
            (
                self.cleaned_data.get(f"commitment_{n}") or "",
                self.cleaned_data.get(f"commitment_{n}_due"),
            )
            for n in (1, 2)
        ]


class EvaluateForm(Versioned):
    verdict = forms.ChoiceField(label=_("评价"), choices=Verdict.choices, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("意见或理由"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class NoteForm(Versioned):
    body = forms.CharField(label=_("内部备注"), widget=forms.Textarea(attrs={"rows": 2}))


class KeepForm(Versioned):
    commitment = forms.IntegerField(widget=forms.HiddenInput)
    kept_on = forms.DateField(label=_("兑现日期"), widget=DATE)
    follow_up = forms.CharField(label=_("跟踪情况"), required=False)


class QuarterRoundForm(forms.Form):
    from renda.suggestions.models import QuarterRound as _QR

    title = forms.CharField(label=_("名称"), max_length=200)
    kind = forms.ChoiceField(label=_("方式"), choices=_QR.Kind.choices)
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    quarter = forms.IntegerField(label=_("季度"), min_value=1, max_value=4)
    scheduled_on = forms.DateField(label=_("计划日期"), widget=DATE)
    suggestions = forms.ModelMultipleChoiceField(
        label=_("建议"), queryset=Suggestion.objects.none()
    )

    def __init__(self, *args, suggestions=None, **kwargs):
        super().__init__(*args, **kwargs)
        if suggestions is not None:
            self.fields["suggestions"].queryset = suggestions


class QuarterResultForm(forms.Form):
    result = forms.CharField(label=_("结果"), widget=forms.Textarea(attrs={"rows": 4}))
    done_on = forms.DateField(label=_("完成日期"), widget=DATE)
