"""What more than one interface shares: the API's base (compact.common.api), the reader's
language on pages (compact.common.language), putting a service's errors on a form
(compact.common.forms) and the Compact's texts in the API's answers
(compact.common.serializers).

It lives in compact because compact is the bottom layer: every app may import it, and it
imports neither the tracker nor the reports. This package is no interface of its own: it holds
no views, URLs, commands or tasks, so the web pages, the API, the commands and the tasks of
every app can use it without importing each other (the import rules are in pyproject.toml,
checked by tests/test_architecture_imports.py).
"""
