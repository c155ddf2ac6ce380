"""The HTML report of a run (``extract report``): map, timeline, routes, order of battle, review texts."""

from extract.report.page import render_report, write_report

__all__ = ["render_report", "write_report"]
