"""Raw-text recognizers: each takes the simplified view of a text and returns Mentions."""
