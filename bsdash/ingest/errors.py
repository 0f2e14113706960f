"""The errors of the import: a file, or a mapping file, that cannot be used at all, and the message for a failure
nobody foresaw (the Import page and the command line show it instead of a traceback)."""


class ExportError(Exception):
    """The file cannot be imported at all; the message says what is wrong and where."""


class MappingError(ExportError):
    """A mapping file cannot be used; the message names the file and the entry."""


def failure_message(file_name: str, error: Exception) -> str:
    """One clear message for any failure importing a file: its own for a file that cannot be read, otherwise
    what failed, that nothing was written, and whom to tell."""
    if isinstance(error, ExportError):
        return str(error)
    return (
        f"{file_name}: the import stopped on an unexpected fault ({type(error).__name__}: {said(error)}). "
        "Nothing was written for this file. Please send the file and this message to the dashboard's team."
    )


def said(error: BaseException) -> str:
    """The first line of an error's message (a library's may run over many), or its kind when it has none."""
    text = str(error).strip()
    return text.splitlines()[0][:300] if text else type(error).__name__
