"""Settings modules: base (everything read from the environment), dev, test and production."""
