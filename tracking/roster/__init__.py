"""Staff rosters: check an uploaded CSV or XLSX file of a country's staff, plan the import, apply it.

- `reading`: `roster_file_check` refuses a file (size, type by its content, binary content, a
  workbook that would unpack too far: `uploads`) before anything parses it; then the rows as read;
- `checking`: each row against the country's authority, duty posts, job functions and languages;
  cells with invisible or control characters (Unicode Cc, Cf) are refused, naming them;
- `planning`: `roster_plan` writes nothing and reports every problem of the file in one pass, each
  message in every language of the platform; `roster_replan` plans the rows a plan kept again,
  against the people as they are now, without the file; a person is matched by e-mail (without
  regard to case) or else by the authority's staff number; a person registered with another country
  or IOM is never changed, nor revealed; a blank optional cell keeps what an existing person has (a
  roster adds and corrects, it never erases); queries are bounded by the rows divided by `CHUNK`;
- `applying`: `roster_apply` writes a valid plan all or nothing, in bulk: no model `save()` and no
  `post_save` signals, so the caller refreshes derived data;
- `plans`: what they share: the columns, outcomes, messages and the plan with its JSON form.
"""
