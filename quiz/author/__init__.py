"""Authoring: what changed between versions, what the scenarios cover, pictures, the canonical layout, new trees."""
