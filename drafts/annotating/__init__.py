"""Annotating contested issues: storage and tags, selectors, re-anchoring, W3C interchange."""
