"""Forms of the projects pages: they parse input; the services decide and write."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from renda.directory.selectors import handling_units
from renda.projects.models import CheckIn, Proposal, Round

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def apply_errors(form: forms.Form, exc: ValidationError) -> None:
    """Show a service's ValidationError at the form's fields (the rest above the form)."""
    if hasattr(exc, "error_dict"):
        for field, messages in exc.message_dict.items():
            for message in messages:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in exc.messages:
            form.add_error(None, message)


class RoundForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("名称"), max_length=100)
    seats = forms.IntegerField(label=_("票决项目数（N）"), min_value=1, max_value=50, initial=10)


class CandidateForm(forms.Form):
    title = forms.CharField(label=_("项目名称"), max_length=100)
    scope = forms.CharField(label=_("建设内容和范围"), widget=forms.Textarea(attrs={"rows": 4}))
    budget = forms.DecimalField(label=_("预算（万元）"), min_value=0, decimal_places=2)
    unit = forms.ModelChoiceField(label=_("责任单位"), queryset=None)
    co_units = forms.ModelMultipleChoiceField(
        label=_("配合单位"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )
    starts_on = forms.DateField(label=_("计划开工"), widget=DATE)
    ends_on = forms.DateField(label=_("计划完成"), widget=DATE)
    proposals = forms.ModelMultipleChoiceField(
        label=_("归并群众点单"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, round: Round, proposals, **kwargs):
        super().__init__(*args, **kwargs)
        units = handling_units(round.congress)
        self.fields["unit"].queryset = units
        self.fields["co_units"].queryset = units
        self.fields["proposals"].queryset = proposals
        self.fields["proposals"].label_from_instance = lambda p: f"{p.tracking_code} {p.title}"


class DeclineForm(forms.Form):
    reply = forms.CharField(label=_("答复群众"), max_length=500)


class PublishForm(forms.Form):
    comment_until = forms.DateField(label=_("公示截止"), widget=DATE, required=False)


class PaperVoterForm(forms.Form):
    deputy = forms.ModelChoiceField(label=_("交回纸质选票的代表"), queryset=None)

    def __init__(self, *args, vote, **kwargs):
        super().__init__(*args, **kwargs)
        from renda.directory.models import Deputy

        self.fields["deputy"].queryset = Deputy.objects.filter(
            pk__in=vote.electors.filter(voted_at__isnull=True).values("deputy")
        ).order_by("name_pinyin")


class BallotForm(forms.Form):
    choices = forms.MultipleChoiceField(
        label=_("同意的项目"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, vote, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["choices"].choices = [(p.pk, p.title) for p in vote.candidates.order_by("id")]
        self.fields["choices"].help_text = _("最多选择 %(n)d 项；不选即为全部不同意。") % {
            "n": vote.seats
        }

    def chosen(self) -> list[int]:
        return [int(c) for c in self.cleaned_data["choices"]]


class PaperBallotForm(BallotForm):
    invalid = forms.BooleanField(label=_("废票（超选或无法辨认）"), required=False)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleImageField, self).clean(d, initial) for d in data]
        return [super().clean(data, initial)] if data else []


class ProgressForm(forms.Form):
    percent = forms.IntegerField(label=_("完成进度（%）"), min_value=0, max_value=100)
    spent = forms.DecimalField(label=_("累计支出（万元）"), min_value=0, decimal_places=2)
    summary = forms.CharField(label=_("进展情况"), widget=forms.Textarea(attrs={"rows": 3}))
    photos = MultipleImageField(label=_("现场照片"), required=False)
    complete = forms.BooleanField(label=_("项目已全部完成，申请验收"), required=False)


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("节点"), max_length=100)
    due_on = forms.DateField(label=_("计划日期"), widget=DATE)


class CheckInForm(forms.Form):
    stage = forms.ChoiceField(label=_("环节"), choices=CheckIn.Stage.choices)
    held_on = forms.DateField(label=_("日期"), widget=DATE)
    findings = forms.CharField(label=_("了解到的情况"), widget=forms.Textarea(attrs={"rows": 3}))
    requests = forms.CharField(
        label=_("向政府提出的意见和整改要求"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RespondForm(forms.Form):
    check_in = forms.IntegerField(widget=forms.HiddenInput)
    response = forms.CharField(label=_("整改落实情况"), widget=forms.Textarea(attrs={"rows": 2}))


class EvaluationForm(forms.Form):
    score = forms.IntegerField(
        label=_("满意度评分（0—100）"),
        min_value=0,
        max_value=100,
        help_text=_("90 分以上为满意，60 分以上为基本满意，60 分以下为不满意。"),
    )
    remark = forms.CharField(label=_("意见"), max_length=500, required=False)


class VerifyForm(forms.Form):
    passed = forms.TypedChoiceField(
        label=_("验收结论"),
        coerce=lambda v: v == "1",
        choices=[("1", _("验收通过")), ("0", _("不通过，退回整改"))],
    )
    opinion = forms.CharField(label=_("验收意见"), widget=forms.Textarea(attrs={"rows": 3}))


class ImportForm(forms.Form):
    file = forms.FileField(label=_("进度表（.xlsx，与导出的表格同列）"))


class ProposalForm(forms.Form):
    title = forms.CharField(label=_("项目名称"), max_length=100)
    body = forms.CharField(
        label=_("项目内容和理由"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("请说明在哪里、为谁、办什么事，以及为什么需要办。"),
    )
    name = forms.CharField(label=_("您的称呼（选填）"), max_length=50, required=False)
    phone = forms.CharField(
        label=_("手机号（选填，仅工作人员可见）"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel"}),
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    # A field people do not see; scripts that fill every field give themselves away.
    website = forms.CharField(
        required=False,
        widget=forms.TextInput(
            attrs={
                "tabindex": "-1",
                "autocomplete": "off",
                "class": "hp",
            }
        ),
    )


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("您的意见"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
    name = forms.CharField(label=_("称呼（选填）"), max_length=50, required=False)


PROPOSAL_STATES = dict(Proposal.State.choices)
