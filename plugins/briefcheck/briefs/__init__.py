"""Reading briefs: front matter, footnotes, inline citations, with exact positions."""
