"""The bottom layer: infrastructure that several apps need and that knows none of them."""
