import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from renda.channel.models import Kind, Rating
from renda.channel.rules import MAX_CONTENT


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class ComposeForm(forms.Form):
    kind = forms.ChoiceField(label=_("留言类别"), choices=Kind.choices, widget=forms.RadioSelect)
    content = forms.CharField(
        label=_("您的意见或诉求"),
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": MAX_CONTENT}),
        max_length=MAX_CONTENT,
        error_messages={
            "max_length": _("内容不能超过%(limit_value)d个字（现在%(show_value)d个字）。")
        },
    )
    photos = forms.FileField(
        label=_("照片（可选，最多3张）"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": "image/*", "multiple": True}),
    )
    name = forms.CharField(label=_("姓名（可选）"), required=False, max_length=50)
    phone = forms.CharField(
        label=_("手机号（可选，用于接收进度短信）"), required=False, max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )  # fmt: skip
    send_sms = forms.BooleanField(label=_("把查询码用短信发给我"), required=False)
    consent_publish = forms.BooleanField(
        label=_("同意在办理完成后公开（隐去个人信息）"), required=False
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False)
    captcha = forms.CharField(label=_("验证码"), required=False, max_length=8)

    def __init__(self, *args, need_captcha: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["idempotency_key"] = uuid.uuid4().hex
        self.need_captcha = need_captcha
        if not need_captcha:
            del self.fields["captcha"]


class TrackForm(forms.Form):
    code = forms.CharField(label=_("查询码"), max_length=20)
    secret = forms.CharField(
        label=_("查询密码"), max_length=20, widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )


class RateForm(forms.Form):
    rating = forms.ChoiceField(
        label=_("您对办理结果"), choices=Rating.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("意见（可选）"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("重新办理的原因"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("答复内容"), max_length=MAX_CONTENT, widget=forms.Textarea(attrs={"rows": 5})
    )


class NoteForm(forms.Form):
    note = forms.CharField(label=_("说明（可选）"), required=False, max_length=500)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("退回理由"), max_length=500)


class AssignForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("承办单位"), queryset=None)
    working_days = forms.IntegerField(
        label=_("办理时限（工作日）"), min_value=1, max_value=60, required=False
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class MergeForm(forms.Form):
    into = forms.CharField(label=_("合并到（查询码）"), max_length=20)
