"""Demo filings for 清河区: filed, returned, under review, corrected, in the public database."""

from renda.core.demo import DemoContext, register


@register("filings", order=50)
def load_filings(context: DemoContext) -> None:
    """Create the demo filings unless they are already there."""
