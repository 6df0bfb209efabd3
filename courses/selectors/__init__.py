"""Reads for the courses app, one module per concern; callers import from the module that holds the name.

- `pages`: which version of a page a reader gets (by language), a course's structure version, page URLs;
- `outline`: a course's modules, lessons and graded activities;
- `progress`: a learner's progress, against the course's completion rules;
- `enrolments`: current enrolments, prerequisites, a learner's courses, the enrolments a viewer may see;
- `catalogue`: the course catalogue, its filters, cache version and URL;
- `course`: the course page's context;
- `lesson`: the lesson page's context, and who may open a lesson;
- `quiz`: questions a quiz draws, attempts and their refusals;
- `attempt`: a quiz attempt's page, to answer or with its result.

Every read costs a fixed number of queries whatever the number of lessons or blocks.
"""
