"""The `renda` command: Django's management commands plus the legal text tools.

`renda parse-law` and `renda prereview` run the legal text engine without Django;
everything else (`renda demo`, `renda serve`, `renda token USER`, `renda tick`,
`renda worker`, `renda migrate`…) is a management command.
"""

import os
import sys

LAWTEXT_COMMANDS = {"parse-law": "parse_law_main", "prereview": "prereview_main"}


def main(argv: list[str] | None = None) -> int:
    """Run one `renda` command."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in LAWTEXT_COMMANDS:
        from renda.lawtext import cli as lawtext_cli

        return getattr(lawtext_cli, LAWTEXT_COMMANDS[argv[0]])(argv[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renda.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["renda", *argv])
    return 0


if __name__ == "__main__":
    sys.exit(main())
