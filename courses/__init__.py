"""Courses: the Wagtail LMS (pages, blocks, quizzes, enrolment, cohorts, progress, completion)."""
