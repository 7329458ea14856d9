"""Journal: the private encrypted journal and the personal safety plan."""
