"""Growth: goals, check-ins, mood tracking, accountability partners, group commitments."""
