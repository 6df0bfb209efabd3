from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_js")
def field_names_js() -> str:
    """Accessible names for the admin fields Wagtail leaves unnamed (rich text, tags, blocks in a stream)."""
    return format_html('<script src="{}" defer></script>', static("core/admin/field-names.js"))
