"""Comparing two drafts: the word diff, which provision became which, statuses and the cache."""
