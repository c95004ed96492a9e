"""Exporting a comparison for people who do not use Travaux: HTML, Word, CSV; PDF is drawn by Qt."""
