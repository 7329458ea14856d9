"""Moderation: screening policy, flags, the case queue, actions, audit log, appeals, trust
levels and watched words."""
