"""The errors of the import: a file, or a mapping file, that cannot be used at all."""


class ExportError(Exception):
    """The file cannot be imported at all; the message says what is wrong and where."""


class MappingError(ExportError):
    """A mapping file cannot be used; the message names the file and the entry."""
