from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from evidence.extract import MAX_BYTES, too_large
from evidence.models import EvidenceMark, PolicyDocument, TermFamily
from lib.forms import ControlFreeMixin, VersionedModelForm
from projects.models import Project

DOCUMENT_FIELDS = ["title", "kind", "organisation", "year", "place"]


class DocumentForm(VersionedModelForm):
    class Meta:
        model = PolicyDocument
        fields = DOCUMENT_FIELDS

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.project = project
        self.fields["place"].queryset = project.places.order_by("name")


class UploadForm(DocumentForm):
    file = forms.FileField(
        label=_("file"), required=False,
        help_text=_("PDF, Word (.docx), HTML or text, up to 50 MB."),
    )
    url = forms.URLField(
        label=_("or a web address"), required=False, max_length=2000, assume_scheme="https",
        help_text=_("The document is fetched in the background."),
    )

    class Meta(DocumentForm.Meta):
        pass

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is not None and upload.size > MAX_BYTES:
            raise forms.ValidationError(too_large().message)
        return upload

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("file")) == bool(cleaned.get("url")):
            raise forms.ValidationError(_("Choose a file or give a web address (one of both)."))
        return cleaned

    def service_data(self) -> dict:
        return {k: v for k, v in super().service_data().items() if k not in ("file", "url")}


class MarkForm(VersionedModelForm):
    class Meta:
        model = EvidenceMark
        fields = ["note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}


class FamilyForm(VersionedModelForm):
    class Meta:
        model = TermFamily
        fields = ["name", "terms"]
        widgets = {"terms": forms.Textarea(attrs={"rows": 8})}


class FamilyFilter(ControlFreeMixin, forms.Form):
    family = forms.CharField(required=False, max_length=100)
