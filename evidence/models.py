"""Policy documents of the place, the text of their pages, the passages a scan found and the
passages people marked as evidence."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from parties.models import Binnable
from projects.models import Place, Project


class DocumentKind(models.TextChoices):
    COALITION_AGREEMENT = "coalition_agreement", _("coalition agreement")
    MULTI_YEAR_PLAN = "multi_year_plan", _("multi-year plan")
    HEALTH_MEMORANDUM = "health_memorandum", _("health memorandum")
    COUNCIL_DECISION = "council_decision", _("council decision")
    ANNUAL_REPORT = "annual_report", _("annual report")
    OTHER = "other", _("other document")


class FileFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word (.docx)"
    HTML = "html", "HTML"
    TEXT = "text", _("text")


class ScanStatus(models.TextChoices):
    QUEUED = "queued", _("waiting for the scan")
    FETCHING = "fetching", _("fetching the web address")
    SCANNING = "scanning", _("scanning")
    DONE = "done", _("scanned")
    NO_TEXT = "no_text", _("no text layer")
    FAILED = "failed", _("stopped")


class PolicyDocument(Binnable):
    """A policy text of the place: uploaded, or fetched from a web address by the worker."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="policy_documents")
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(
        _("kind"), max_length=30, choices=DocumentKind.choices, default=DocumentKind.OTHER
    )
    organisation = models.CharField(
        _("organisation"), max_length=200, blank=True,
        help_text=_("Who wrote or adopted it, e.g. the municipality or the health service."),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), null=True, blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    place = models.ForeignKey(
        Place, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("place it covers"),
    )
    source_url = models.URLField(_("web address"), max_length=2000, blank=True)
    # The file in the default storage (MEDIA_ROOT), under a name of our own; the name it came
    # with is kept only to show.
    stored_name = models.CharField(max_length=255, blank=True, editable=False)
    filename = models.CharField(_("file name"), max_length=255, blank=True, editable=False)
    file_format = models.CharField(
        _("format"), max_length=10, choices=FileFormat.choices, blank=True, editable=False
    )
    size = models.PositiveBigIntegerField(default=0, editable=False)
    status = models.CharField(
        _("scan"), max_length=20, choices=ScanStatus.choices, default=ScanStatus.QUEUED,
        editable=False,
    )
    pages_total = models.PositiveIntegerField(default=0, editable=False)
    pages_done = models.PositiveIntegerField(default=0, editable=False)
    failure = models.TextField(blank=True, editable=False)
    # Hits per term family, e.g. {"Health inequality": 12}, for the list of documents.
    counts = models.JSONField(default=dict, blank=True, editable=False)
    scanned_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "title", "id"]
        verbose_name = _("policy document")
        verbose_name_plural = _("policy documents")
        indexes = [models.Index(fields=["project", "deleted_at"])]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.place_id and not self.project.places.filter(pk=self.place_id).exists():
            raise ValidationError({"place": _("Choose one of the project's places.")})

    @property
    def running(self) -> bool:
        return self.status in (ScanStatus.QUEUED, ScanStatus.FETCHING, ScanStatus.SCANNING)

    @property
    def hits(self) -> int:
        return sum(self.counts.values()) if isinstance(self.counts, dict) else 0


class DocumentPage(models.Model):
    """The text of one page, kept so that a changed vocabulary is scanned again without
    reading the file again."""

    document = models.ForeignKey(PolicyDocument, on_delete=models.CASCADE, related_name="pages")
    number = models.PositiveIntegerField()
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["document", "number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="document_page_once")
        ]

    def __str__(self) -> str:
        return f"{self.document} p. {self.number}"


class TermFamily(models.Model):
    """A group of search terms of one project, e.g. “health inequality” or the theme's words.
    A project starts with the families shipped with the app and edits them."""

    class Source(models.TextChoices):
        INEQUALITY = "inequality", _("health inequality")
        THEME = "theme", _("the project's theme")
        OWN = "own", _("added by the project")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="term_families")
    name = models.CharField(_("name"), max_length=100)
    source = models.CharField(
        _("source"), max_length=20, choices=Source.choices, default=Source.OWN, editable=False
    )
    terms = models.TextField(
        _("terms"), help_text=_("One term per line; a term may have several words.")
    )
    position = models.PositiveSmallIntegerField(default=0, editable=False)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["position", "name", "id"]
        verbose_name = _("term family")
        verbose_name_plural = _("term families")
        constraints = [
            models.UniqueConstraint(fields=["project", "name"], name="term_family_name_once")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def term_list(self) -> list[str]:
        return [line.strip() for line in self.terms.splitlines() if line.strip()]


class Passage(models.Model):
    """A sentence that holds search terms, with its neighbours, on one page of a document.

    `hits` are [start, end, family] of each term found in `text`; the page shows them marked."""

    document = models.ForeignKey(PolicyDocument, on_delete=models.CASCADE, related_name="passages")
    page = models.PositiveIntegerField(_("page"))
    text = models.TextField(_("passage"))
    hits = models.JSONField(default=list)
    families = models.JSONField(default=list)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["document", "page", "position", "id"]
        verbose_name = _("passage")
        verbose_name_plural = _("passages")

    def __str__(self) -> str:
        return f"{self.document} p. {self.page}"

    @property
    def highlighted(self) -> SafeString:
        """The passage as HTML: the text escaped, every term found inside <mark>."""
        parts: list[str] = []
        at = 0
        for start, end, _family in sorted(self.hits):
            if start < at:
                continue
            parts.append(escape(self.text[at:start]))
            parts.append(f"<mark>{escape(self.text[start:end])}</mark>")
            at = end
        parts.append(escape(self.text[at:]))
        return mark_safe("".join(parts))  # noqa: S308 - every piece escaped above

    @property
    def terms_found(self) -> list[str]:
        return sorted({self.text[start:end].lower() for start, end, _f in self.hits})


class EvidenceMark(Binnable):
    """A passage a member marked as evidence, with why it matters; it can be cited."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="evidence_marks")
    passage = models.OneToOneField(Passage, on_delete=models.CASCADE, related_name="mark")
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["passage__document", "passage__page", "passage__position", "id"]
        verbose_name = _("marked passage")
        verbose_name_plural = _("marked passages")

    def __str__(self) -> str:
        return str(self.passage)


# Local figures live in their own module; imported here so that Django finds their models.
from evidence.figures.models import (  # noqa: E402, F401
    CbsRun,
    Figure,
    FigureImport,
    Indicator,
    RegionLevel,
    SegmentDistrict,
)

# The argument brief -------------------------------------------------------------------------


class BriefAudience(models.TextChoices):
    ALDERMAN = "alderman", _("the alderman")
    MANAGEMENT = "management", _("management")
    COUNCIL = "council", _("the council")


# The sections of a brief in the order it argues; each is a text of its own on the draft.
BRIEF_SECTIONS = (
    "problem", "consequences", "figures", "policy", "support", "direction", "ask",
)


class ArgumentBrief(Binnable):
    """A short argument for the alderman, management or the council, written as a draft from
    the project's own data; each issue keeps a dated, unchangeable copy (IssuedBrief)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="briefs")
    title = models.CharField(_("title"), max_length=200)
    audience = models.CharField(
        _("for"), max_length=12, choices=BriefAudience.choices, default=BriefAudience.ALDERMAN
    )
    problem = models.TextField(_("the problem and who it hits"), blank=True)
    consequences = models.TextField(_("its consequences"), blank=True)
    figures = models.TextField(_("local figures"), blank=True)
    policy = models.TextField(_("where policy already commits"), blank=True)
    support = models.TextField(_("the support picture"), blank=True)
    direction = models.TextField(_("a workable direction"), blank=True)
    ask = models.TextField(_("the ask"), blank=True)
    cited_marks = models.ManyToManyField(
        EvidenceMark, blank=True, related_name="+", verbose_name=_("passages quoted")
    )
    cited_indicators = models.ManyToManyField(
        Indicator, blank=True, related_name="+", verbose_name=_("indicators shown")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("argument brief")
        verbose_name_plural = _("argument briefs")
        indexes = [models.Index(fields=["project", "deleted_at"])]

    def __str__(self) -> str:
        return self.title


class IssuedBrief(Binnable):
    """A brief as it was issued: its data frozen and both files kept; never edited, only
    withdrawn to the bin (and restored)."""

    brief = models.ForeignKey(ArgumentBrief, on_delete=models.CASCADE, related_name="issues")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="issued_briefs")
    title = models.CharField(_("title"), max_length=200)
    audience = models.CharField(_("for"), max_length=12, choices=BriefAudience.choices)
    issued_at = models.DateTimeField(_("issued at"), db_index=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("issued by"),
    )
    language = models.CharField(_("language"), max_length=8, default="nl")
    data = models.JSONField(default=dict)
    pdf = models.BinaryField()
    docx = models.BinaryField()

    class Meta:
        ordering = ["-issued_at", "-id"]
        verbose_name = _("issued brief")
        verbose_name_plural = _("issued briefs")
        indexes = [models.Index(fields=["project", "deleted_at", "-issued_at"])]

    def __str__(self) -> str:
        return self.title
