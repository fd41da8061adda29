"""Curation pipeline: recipes, sources, language, filters, dedup, mix, write, manifest."""
