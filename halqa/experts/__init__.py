"""Experts: verification, badges, ask-an-expert, office hours."""
