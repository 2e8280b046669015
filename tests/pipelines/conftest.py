"""Fixtures for the pipeline tests; plain helpers live in pipeline_helpers.py.

Test modules import helpers from ``pipeline_helpers`` (a unique name), never from
``conftest``: several test folders have a conftest.py and only one can be imported under
that name in a session.
"""

from pipeline_helpers import repo, run_cli

__all__ = ["repo", "run_cli"]
