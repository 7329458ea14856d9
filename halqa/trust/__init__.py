"""Trust: the publish policy (DESIGN §4), trust levels and their limits, per-group watched words."""
