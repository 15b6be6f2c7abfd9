from django import forms
from django.utils.translation import gettext_lazy as _

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


class CongressScopedForm(forms.ModelForm):
    """A form whose congress and related choices are limited to the congresses one manages."""

    scoped_fields: dict[str, type] = {}

    def __init__(self, *args, congresses=None, **kwargs):
        super().__init__(*args, **kwargs)
        if "congress" in self.fields and congresses is not None:
            self.fields["congress"].queryset = congresses
            self.fields["congress"].empty_label = None
        for name, model in self.scoped_fields.items():
            if name in self.fields and congresses is not None:
                self.fields[name].queryset = model.objects.filter(congress__in=congresses)


class DeputyForm(CongressScopedForm):
    scoped_fields = {"group": ProfessionalGroup, "station": Station}

    class Meta:
        model = Deputy
        fields = [
            "congress", "name", "gender", "level", "term", "delegation", "group", "field",
            "station", "occupation", "phone", "id_number", "bio", "status", "user",
        ]  # fmt: skip
        widgets = {"bio": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].required = False
        self.fields["user"].widget = forms.HiddenInput()


class StationForm(CongressScopedForm):
    class Meta:
        model = Station
        fields = [
            "congress", "name", "kind", "address", "reception_schedule", "phone", "description",
            "is_active",
        ]  # fmt: skip
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class GroupForm(CongressScopedForm):
    class Meta:
        model = ProfessionalGroup
        fields = ["congress", "name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class PointForm(CongressScopedForm):
    class Meta:
        model = CollectionPoint
        fields = ["congress", "name", "address", "description", "is_active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class OfficerForm(CongressScopedForm):
    class Meta:
        model = InformationOfficer
        fields = ["point", "name", "phone", "is_active"]

    def __init__(self, *args, congresses=None, **kwargs):
        super().__init__(*args, congresses=congresses, **kwargs)
        if congresses is not None:
            self.fields["point"].queryset = CollectionPoint.objects.filter(congress__in=congresses)


class ExpertForm(CongressScopedForm):
    class Meta:
        model = Expert
        fields = [
            "congress", "name", "field", "organization", "title", "phone", "email",
            "appointed_on", "term_ends_on",
        ]  # fmt: skip
        widgets = {
            "appointed_on": forms.DateInput(attrs={"type": "date"}),
            "term_ends_on": forms.DateInput(attrs={"type": "date"}),
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("appointed_on"), data.get("term_ends_on")
        if start and end and end <= start:
            self.add_error("term_ends_on", _("聘期届满日期应晚于聘任日期。"))
        return data


class OrganizationForm(CongressScopedForm):
    class Meta:
        model = Organization
        fields = [
            "congress", "name", "is_handling_unit", "is_filing_body", "is_gov_reviewer",
            "contact_name", "contact_phone", "is_active",
        ]  # fmt: skip

    def clean(self):
        data = super().clean()
        if not any(data.get(f) for f in ("is_handling_unit", "is_filing_body", "is_gov_reviewer")):
            self.add_error("is_handling_unit", _("请至少选择一种单位类型。"))
        return data


class DeputyFilterForm(forms.Form):
    q = forms.CharField(
        label=_("姓名"), required=False, max_length=50,
        widget=forms.TextInput(attrs={"placeholder": _("姓名、拼音或首字母，如 zzq")}),
    )  # fmt: skip
    level = forms.ChoiceField(
        label=_("层级"), required=False, choices=[("", _("全部")), *DeputyLevel.choices]
    )
    station = forms.ModelChoiceField(
        label=_("联络站"), required=False, queryset=Station.objects.none()
    )
    group = forms.ModelChoiceField(
        label=_("专业小组"), required=False, queryset=ProfessionalGroup.objects.none()
    )
    field = forms.CharField(label=_("专业领域"), required=False, max_length=50)
    status = forms.ChoiceField(
        label=_("状态"), required=False, choices=[("", _("全部")), *Deputy.Status.choices]
    )

    def __init__(self, *args, congresses=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["station"].queryset = Station.objects.filter(congress__in=congresses)
        self.fields["group"].queryset = ProfessionalGroup.objects.filter(congress__in=congresses)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel 文件（.xlsx）"))


class DismissForm(forms.Form):
    reason = forms.CharField(label=_("解聘原因"), max_length=200)
