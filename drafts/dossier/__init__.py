"""A dossier: drafts and annotations shared by a team through a git repository."""
