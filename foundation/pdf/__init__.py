"""PDFs: `rendering` draws HTML as a PDF from the project's own files only; `reading` reads a PDF back."""
