"""Load, soak and fault runs (`make soak`): see bench/soak/run.py and docs/reliability.md."""
