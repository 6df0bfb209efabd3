"""The blocks a lesson is written with, apart from quizzes (`quiz.py`)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from courses.blocks.questions.base import _error, with_empty_items
from courses.blocks.questions.choice import OptionBlock

LESSON_RICH_TEXT = ["h3", "h4", "bold", "italic", "link", "ol", "ul", "document-link"]

TEMPLATES = "components/streamfield/blocks"


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section")), ("h3", _("Subsection"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = f"{TEMPLATES}/heading_block.html"
        preview_value = {"text": "Documentos de viaje aceptados", "level": "h2"}


class RichTextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=LESSON_RICH_TEXT, **kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Text")
        template = f"{TEMPLATES}/rich_text_block.html"
        preview_value = "<p>El oficial verifica el documento antes de registrar la entrada.</p>"


class FigureBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=300,
        help_text=_("What the image shows, for people who cannot see it. Required."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=300)

    class Meta:
        icon = "image"
        label = _("Image")
        template = f"{TEMPLATES}/figure_block.html"


class VideoBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    file = DocumentChooserBlock(
        label=_("Video file"), required=False, help_text=_("An MP4 or WebM file uploaded to the documents.")
    )
    poster = ImageChooserBlock(label=_("Poster image"), required=False)
    captions = DocumentChooserBlock(
        label=_("Captions track"), required=False, help_text=_("A WebVTT (.vtt) file in the lesson's language.")
    )
    embed = EmbedBlock(
        label=_("Or an embedded video"),
        required=False,
        help_text=_("Only providers the platform is configured to embed; uploaded files work offline."),
    )
    transcript = blocks.RichTextBlock(
        label=_("Transcript"),
        features=["bold", "italic", "ol", "ul"],
        help_text=_("The full text of what is said and shown, for learners who cannot play the video."),
    )

    class Meta:
        icon = "media"
        label = _("Video")
        template = f"{TEMPLATES}/video_block.html"

    def clean(self, value):
        value = super().clean(value)
        if bool(value["file"]) == bool(value["embed"]):
            raise _error(file=_("Choose a video file or an embedded video, not both and not neither."))
        if value["file"] and not value["captions"]:
            raise _error(captions=_("An uploaded video needs a captions track."))
        return value


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[("tip", _("Tip")), ("warning", _("Warning")), ("legal", _("Legal note"))],
        default="tip",
    )
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = f"{TEMPLATES}/callout_block.html"
        preview_value = {"kind": "warning", "text": "<p>Nunca registre una entrada sin ver el documento.</p>"}


class DocumentDownloadBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Link text"), max_length=200)
    description = blocks.CharBlock(label=_("Description"), required=False, max_length=300)

    class Meta:
        icon = "doc-full"
        label = _("Document download")
        template = f"{TEMPLATES}/document_download_block.html"


class GlossaryTermBlock(blocks.StructBlock):
    term = SnippetChooserBlock("courses.GlossaryTerm", label=_("Term"))

    class Meta:
        icon = "help"
        label = _("Glossary term")
        template = f"{TEMPLATES}/glossary_term_block.html"


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Step"), max_length=200)
    detail = blocks.RichTextBlock(label=_("Detail"), required=False, features=["bold", "italic", "link", "ul"])


class ProcedureBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Procedure"), max_length=200)
    steps = with_empty_items(blocks.ListBlock(StepBlock(), min_num=2, label=_("Steps")))

    class Meta:
        icon = "list-ol"
        label = _("Step-by-step procedure")
        template = f"{TEMPLATES}/procedure_block.html"
        preview_value = {
            "title": "Registrar una entrada",
            "steps": [{"title": "Leer la zona MRZ", "detail": ""}, {"title": "Verificar alertas", "detail": ""}],
        }


class KnowledgeCheckBlock(blocks.StructBlock):
    """A question the learner answers for themselves: ungraded, its answer in a disclosure."""

    question = blocks.CharBlock(label=_("Question"), max_length=300)
    options = with_empty_items(blocks.ListBlock(OptionBlock(), min_num=2, label=_("Options")))
    explanation = blocks.RichTextBlock(label=_("Explanation"), features=["bold", "italic", "link"])

    class Meta:
        icon = "help"
        label = _("Knowledge check (ungraded)")
        template = f"{TEMPLATES}/knowledge_check_block.html"

    def clean(self, value):
        value = super().clean(value)
        if not any(option["is_correct"] for option in value["options"]):
            raise _error(options=_("Mark at least one option as correct."))
        return value
