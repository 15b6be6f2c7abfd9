"""Forms of the filings pages (parsing only; the services check the rules)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from renda.filings.models import Correction, DocType, Opinion, Track


class FilingForm(forms.Form):
    body = forms.ModelChoiceField(queryset=None, label=_("制定主体"), empty_label=None)
    title = forms.CharField(label=_("文件标题"), max_length=300)
    number = forms.CharField(label=_("文号"), max_length=100, help_text=_("如 清市监规〔2025〕3号"))
    doc_type = forms.ChoiceField(label=_("文件类型"), choices=DocType.choices)
    published_on = forms.DateField(
        label=_("公布日期"), widget=forms.DateInput(attrs={"type": "date"})
    )
    file = forms.FileField(label=_("文件正式文本（Word 或 PDF）"))
    drafting_notes = forms.CharField(
        label=_("起草说明"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    legality_opinion = forms.CharField(
        label=_("合法性审核意见"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, bodies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies


class ProposeForm(forms.Form):
    result = forms.ChoiceField(label=_("审查结论"), choices=Track.Result.choices)
    conclusion = forms.CharField(label=_("审查意见"), widget=forms.Textarea(attrs={"rows": 3}))
    legal_basis = forms.CharField(
        label=_("法律依据"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    sign_levels = forms.TypedChoiceField(
        label=_("审核层级"), coerce=int, initial=4,
        choices=[(1, _("一级")), (2, _("二级")), (3, _("三级")), (4, _("四级"))],
    )  # fmt: skip


class OpinionForm(forms.Form):
    kind = forms.ChoiceField(label=_("类别"), choices=Opinion.Kind.choices)
    source = forms.CharField(label=_("委员会或单位"), required=False)
    expert = forms.ModelChoiceField(queryset=None, label=_("专家"), required=False)
    question = forms.CharField(label=_("征询事项"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, experts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expert"].queryset = experts


class RespondForm(forms.Form):
    response = forms.ChoiceField(label=_("纠正情况"), choices=Correction.Response.choices)
    file = forms.FileField(label=_("修改后的文件文本（Word 或 PDF）"), required=False)
    note = forms.CharField(label=_("纠正说明"), widget=forms.Textarea(attrs={"rows": 2}))


class SearchForm(forms.Form):
    q = forms.CharField(label=_("关键词"), required=False, max_length=100)
    body = forms.CharField(label=_("制定主体"), required=False)
    year = forms.IntegerField(label=_("年份"), required=False, min_value=1949, max_value=2100)
    validity = forms.ChoiceField(label=_("效力状态"), required=False)
    doc_type = forms.ChoiceField(label=_("文件类型"), required=False)

    def __init__(self, *args, **kwargs):
        from renda.filings.models import Validity

        super().__init__(*args, **kwargs)
        self.fields["validity"].choices = [("", _("全部")), *Validity.choices]
        self.fields["doc_type"].choices = [("", _("全部")), *DocType.choices]
