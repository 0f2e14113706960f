"""Serving more people than one dashboard process can: several processes behind nginx.

nginx.py writes the configuration from the templates beside it (site.conf, nginx.conf, bsdash@.service);
local.py runs such a deployment on this machine for the tests and the benchmark.
"""
