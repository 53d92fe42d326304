"""Backtest reports: a rich terminal summary, a self-contained HTML page and JSON for machines.

plotly is imported only when an HTML report is built, so importing this package stays light.
"""

from aitrader.backtest.report.html import render_html_report, write_html_report
from aitrader.backtest.report.json_export import read_json, report_dict, write_json
from aitrader.backtest.report.terminal import print_summary

__all__ = [
    "print_summary",
    "read_json",
    "render_html_report",
    "report_dict",
    "write_html_report",
    "write_json",
]
