"""Benchmarks that print figures (`gmi-trainer bench NAME`), and the generated records they
measure with. The top layer, beside the command line: nothing else imports them."""
