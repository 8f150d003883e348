from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from transfer.reading import MAX_BYTES, Sniffed, UnreadableFile, sniffed, too_large_message


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "An Excel workbook (.xlsx or .xls), an OpenDocument spreadsheet (.ods) or a CSV "
            "file, at most 10 MB."
        ),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,.xls,.ods,.csv,text/csv,"
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,"
                "application/vnd.ms-excel,application/vnd.oasis.opendocument.spreadsheet",
            }
        ),
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if upload.size and upload.size > MAX_BYTES:
            raise forms.ValidationError(too_large_message())
        content = upload.read(MAX_BYTES + 1)
        try:
            # what it is, by its content; refuses too large, binary, bombs
            checked = sniffed(content)
        except UnreadableFile as refused:
            raise forms.ValidationError(refused.message) from refused
        self.content = content
        # handed on to the read, which then does not check the file's structure again
        self.checked: Sniffed = checked
        return upload
