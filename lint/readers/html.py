"""(work in progress)"""
from newslint.readers.text import TextReader


class HtmlReader(TextReader):
    name = "html"
    extensions = (".html", ".htm")
