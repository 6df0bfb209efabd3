"""Benchmarks of the OCAM training platform, run with `python -m bench` (`make bench`).

Every figure is a ratio: a measured operation against a baseline timed in the same run, on the
same machine, interleaved with it. Absolute times are printed for context only. See README.md.
"""
