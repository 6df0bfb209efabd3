from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.core.signals import setting_changed
        from django.db.models.signals import post_delete
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from courses import receivers
        from courses.models import CataloguePage, CoursePage, LessonPage, ModulePage

        for model in (CataloguePage, CoursePage, ModulePage, LessonPage):
            for signal in (page_published, page_unpublished, post_delete):
                signal.connect(receivers.course_tree_changed, sender=model, dispatch_uid=f"catalogue_{signal}_{model}")
        post_page_move.connect(receivers.course_tree_changed, dispatch_uid="catalogue_page_move")
        setting_changed.connect(receivers.block_settings_changed, dispatch_uid="courses_block_settings")
