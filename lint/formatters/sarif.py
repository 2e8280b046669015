"""(work in progress)"""
from newslint.formatters import Formatter


class SarifFormatter(Formatter):
    name = "sarif"
