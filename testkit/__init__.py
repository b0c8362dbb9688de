"""Support shared by the tests and the benches: Bot API stand-ins and the application start-up.

The product never imports this package, and neither `tests/` nor `bench/` imports the other:
both import from here.
"""
