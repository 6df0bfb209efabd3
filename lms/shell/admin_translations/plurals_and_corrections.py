# ruff: noqa: E501 - Wagtail's messages, verbatim: long lines and typographic characters
"""Plural messages of Wagtail's admin that its Spanish catalogues lack, and the messages they
translate wrongly for this platform (see the package's docstring)."""

from django.utils.translation import gettext_noop, ngettext_lazy

MISSING_PLURALS = (
    # wagtail.admin
    ngettext_lazy(
        '%(total)s Page <span class="w-sr-only">created in %(site_name)s</span>',
        '%(total)s Pages <span class="w-sr-only">created in %(site_name)s</span>',
    ),
    ngettext_lazy(
        "This action will delete <b>%(total_pages_formatted)s</b> page in total.",
        "This action will delete <b>%(total_pages_formatted)s</b> pages in total.",
    ),
    ngettext_lazy("One other user is currently viewing", "%(num_user)s other users are currently viewing"),
    ngettext_lazy(
        "This %(model_name)s is referenced %(usage_count)s time.",
        "This %(model_name)s is referenced %(usage_count)s times.",
    ),
    ngettext_lazy("1 snippet type", "%(counter)s snippet types"),
    ngettext_lazy("Referenced %(count)s time", "Referenced %(count)s times"),
    ngettext_lazy("%(num_parent_objects)d page has been deleted", "%(num_parent_objects)d pages have been deleted"),
    ngettext_lazy("%(num_parent_objects)d page", "%(num_parent_objects)d pages"),
    ngettext_lazy("%(num_child_objects)d child page", "%(num_child_objects)d child pages"),
    ngettext_lazy("%(num_parent_objects)d page has been published", "%(num_parent_objects)d pages have been published"),
    ngettext_lazy(
        "%(num_parent_objects)d page has been unpublished", "%(num_parent_objects)d pages have been unpublished"
    ),
    ngettext_lazy(
        "This workflow is in progress on %(states_in_progress)d page/snippet. Disabling this workflow will cancel moderation on this page/snippet.",
        "This workflow is in progress on %(states_in_progress)d pages/snippets. Disabling this workflow will cancel moderation on these pages/snippets.",
    ),
    ngettext_lazy(
        "This task is in progress on %(states_in_progress)d page/snippet. Disabling this task will cause it to be skipped in the moderation workflow and not be listed for selection when editing a workflow.",
        "This task is in progress on %(states_in_progress)d pages/snippets. Disabling this task will cause it to be skipped in the moderation workflow and not be listed for selection when editing a workflow.",
    ),
    # wagtail.documents
    ngettext_lazy(
        '%(total)s Document <span class="w-sr-only">created in %(site_name)s</span>',
        '%(total)s Documents <span class="w-sr-only">created in %(site_name)s</span>',
    ),
    # wagtail.images
    ngettext_lazy(
        '%(total)s Image <span class="w-sr-only">created in %(site_name)s</span>',
        '%(total)s Images <span class="w-sr-only">created in %(site_name)s</span>',
    ),
    ngettext_lazy("%(count)s image", "%(count)s images"),
    # wagtail.snippets
    ngettext_lazy("%(count)d %(model_name)s deleted.", "%(count)d %(model_name)s deleted."),
)

CORRECTED = (
    gettext_noop("Locale"),
    gettext_noop("Locale: "),
    gettext_noop("Locales"),
    gettext_noop("Available in %(translations_total)s locales"),
    gettext_noop("Switch locales"),
    gettext_noop("This locale cannot be synced into itself."),
    gettext_noop("Synchronise content from another locale"),
    gettext_noop(
        "Choose a locale to synchronise content from. Any existing and future content authored in the selected locale will be automatically copied to this one."
    ),
    gettext_noop("{} locales"),
    gettext_noop("The {model_name} '{object}' was successfully submitted for translation into {locales}"),
    gettext_noop("The page '{page_title}' was successfully submitted for translation into {locales}"),
    gettext_noop("%(model_name)s '%(object)s' created."),
    gettext_noop("%(model_name)s '%(object)s' updated."),
    gettext_noop("%(model_name)s '%(object)s' deleted."),
    gettext_noop("%(model_name)s '%(object)s' created and published."),
    gettext_noop("%(model_name)s '%(object)s' updated and published."),
    gettext_noop("%(model_name)s '%(object)s' has been scheduled for publishing."),
    gettext_noop("%(model_name)s '%(object)s' created and scheduled for publishing."),
    gettext_noop("%(model_name)s '%(object)s' is live and this version has been scheduled for publishing."),
    gettext_noop("%(model_name)s '%(object)s' has been replaced with version from %(timestamp)s."),
    gettext_noop("New: %(model_name)s"),
    gettext_noop("The %(model_name)s could not be created due to errors."),
    gettext_noop("The %(model_name)s could not be saved due to errors."),
    gettext_noop("Are you sure you want to delete this %(model_name)s?"),
    gettext_noop("Are you sure you want to unpublish this %(model_name)s?"),
    gettext_noop("Would you still like to publish this %(model_name)s?"),
    gettext_noop("You are viewing a previous version of this %(model_name)s from <b>%(created_at)s</b> by %(user)s"),
    gettext_noop("Anyone can edit this %(model_name)s"),
    gettext_noop("Sync translated %(model_name)s"),
    gettext_noop("Editing %(object_type)s %(title)s"),
    gettext_noop("Restart workflow "),
    gettext_noop("Cancel workflow "),
    gettext_noop("Delete "),
    gettext_noop("Page visibility: "),
    gettext_noop("Status: "),
    gettext_noop("at %(time)s by %(user_display_name)s"),
    gettext_noop("%(site_setting)s for %(site)s"),
    gettext_noop('revision %(revision_id)s of "%(object)s"'),
    gettext_noop(
        "Converting this to an internal link to %(page)s would make the link automatically update if the underlying page changes its URL. Would you like to do this?"
    ),
    gettext_noop('Multi-word tags with spaces will automatically be enclosed in double quotes (").'),
    ngettext_lazy("Add tags to 1 image", "Add tags to %(counter)s images"),
)
