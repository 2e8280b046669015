"""(work in progress)"""
from newslint.readers.text import TextReader


class MarkdownReader(TextReader):
    name = "markdown"
    extensions = (".md", ".markdown")
