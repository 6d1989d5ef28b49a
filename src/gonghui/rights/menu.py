"""Sidebar entries of this app (being built)."""
