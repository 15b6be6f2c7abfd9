"""Forms of the legislation pages (they only parse; the services decide)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from renda.directory.models import CollectionPoint, Expert, ProfessionalGroup
from renda.legislation.models import Opinion

DATE = forms.DateInput(attrs={"type": "date"})


class ConsultationForm(forms.Form):
    title = forms.CharField(
        label=_("草案名称"), max_length=200, required=False, help_text=_("留空则用草案文件中的标题")
    )
    legislature = forms.CharField(label=_("征询机关"), max_length=200, required=False)
    draft = forms.FileField(label=_("草案文件（.docx 或 .txt）"), required=False)
    text = forms.CharField(
        label=_("或粘贴草案全文"), widget=forms.Textarea(attrs={"rows": 8}), required=False
    )
    opens_on = forms.DateField(label=_("开始日期"), required=False, widget=DATE)
    closes_on = forms.DateField(label=_("截止日期"), required=False, widget=DATE)
    notes = forms.CharField(
        label=_("起草说明"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )

    def clean(self):
        data = super().clean()
        if not data.get("draft") and not data.get("text", "").strip():
            self.add_error("draft", _("请上传草案文件或粘贴草案全文。"))
        return data


class ArticleForm(forms.Form):
    label = forms.CharField(label=_("条标"), max_length=30)
    caption = forms.CharField(label=_("条旨"), max_length=200, required=False)
    chapter = forms.CharField(label=_("所在章节"), max_length=200, required=False)
    text = forms.CharField(label=_("条文"), widget=forms.Textarea(attrs={"rows": 4}))


class InviteForm(forms.Form):
    deputy_field = forms.CharField(label=_("代表专业领域"), required=False)
    group = forms.ModelChoiceField(
        label=_("专业代表小组"), queryset=ProfessionalGroup.objects.none(), required=False
    )
    expert_field = forms.CharField(label=_("专家领域"), required=False)
    points = forms.ModelMultipleChoiceField(
        label=_("立法信息采集点"),
        queryset=CollectionPoint.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, congress, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = ProfessionalGroup.objects.filter(congress=congress)
        self.fields["points"].queryset = CollectionPoint.objects.filter(
            congress=congress, is_active=True
        )


class ExpertQuestionForm(forms.Form):
    expert = forms.ModelChoiceField(label=_("专家"), queryset=Expert.objects.none())
    question = forms.CharField(label=_("问题"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, congress, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expert"].queryset = Expert.objects.filter(
            congress=congress, status=Expert.Status.ACTIVE
        )


class OpinionForm(forms.Form):
    """What anyone fills in on the public page."""

    article = forms.TypedChoiceField(label=_("针对条文"), coerce=int, required=False, empty_value=0)
    text = forms.CharField(
        label=_("您的意见"), widget=forms.Textarea(attrs={"rows": 6}), max_length=5000
    )
    name = forms.CharField(label=_("姓名（可不填）"), max_length=50, required=False)
    phone = forms.CharField(
        label=_("联系电话（可不填，仅工作人员可见）"), max_length=30, required=False
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, articles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["article"].choices = [(0, _("对草案整体"))] + [
            (a.number, f"{a.label} {a.caption}".strip()) for a in articles
        ]


class OfflineOpinionForm(OpinionForm):
    """What an information officer fills in for an opinion collected offline."""

    point = forms.ModelChoiceField(label=_("采集点"), queryset=CollectionPoint.objects.none())
    method = forms.ChoiceField(
        label=_("收集方式"),
        choices=[c for c in Opinion.Method.choices if c[0] != Opinion.Method.ONLINE],
    )

    def __init__(self, *args, points=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["point"].queryset = (
            points if points is not None else self.fields["point"].queryset
        )
        self.fields["text"].label = _("群众意见")
        self.fields["name"].label = _("提出人姓名（可不填）")


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("解答"), widget=forms.Textarea(attrs={"rows": 4}))


class FinalForm(forms.Form):
    title = forms.CharField(label=_("公布名称"), max_length=200, required=False)
    final = forms.FileField(label=_("公布文本（.docx 或 .txt）"), required=False)
    text = forms.CharField(
        label=_("或粘贴公布文本"), widget=forms.Textarea(attrs={"rows": 8}), required=False
    )

    def clean(self):
        data = super().clean()
        if not data.get("final") and not data.get("text", "").strip():
            self.add_error("final", _("请上传公布文本或粘贴全文。"))
        return data
