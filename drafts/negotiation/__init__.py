"""One negotiation across its drafts: history of a provision, blame, search, brackets."""
