"""Sandbox: the mirror of the OCAM information platform, its synthetic data and per-learner isolation."""
