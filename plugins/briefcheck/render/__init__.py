"""Rendering of citations and notes."""
