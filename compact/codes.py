"""How an action of the Compact is written: its objective's number and its letter, "5c" for
action (c) of objective 5. Read by the API's fields and filters and the dashboard's filters."""

import re

ACTION_CODE = re.compile(r"^([0-9]{1,2})([a-z]{1,2})$")


def parse_action_code(value: str) -> tuple[int, str] | None:
    """The objective number and letter of an action code such as "5c" or " 5C ", or None
    when `value` is not one."""
    match = ACTION_CODE.match(value.strip().lower())
    if match is None:
        return None
    return int(match[1]), match[2]
