"""(work in progress)"""
from newslint.formatters import Formatter


class GithubFormatter(Formatter):
    name = "github"
