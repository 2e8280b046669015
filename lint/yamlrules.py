"""(work in progress)"""
BUILTIN_KINDS: dict = {}
