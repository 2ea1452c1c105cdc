"""The charts' colours.

Okabe and Ito's colour-blind-safe palette, darkened until every colour has at least 3:1
contrast against white (WCAG 2.1 success criterion 1.4.11, graphical objects). The first four
are the statuses, and were picked from darkened variants of the palette so that they also
differ in lightness and stay apart for readers with protanopia, deuteranopia and tritanopia.
tests/reports/test_charts.py checks both properties.
"""

PALETTE = (
    "#4590BA",  # sky blue: planned, not started
    "#B87F00",  # orange: ongoing, in progress
    "#00654A",  # bluish green: completed, fulfilled
    "#767676",  # grey: discontinued, withdrawn
    "#A63D00",  # vermilion
    "#8E4778",  # reddish purple
)

# Bars that belong to no category (organisations, objectives) all take the site's accent.
NEUTRAL = "#0B4778"

# Measures and pledges share a colour per stage, so that a reader who learnt one chart reads
# the next; the positions follow the order of MeasureStatus and PledgeStatus, so that a grouped
# chart whose series come in that order gets the same colours.
KEY_COLOURS = {
    "planned": PALETTE[0],
    "not_started": PALETTE[0],
    "ongoing": PALETTE[1],
    "in_progress": PALETTE[1],
    "completed": PALETTE[2],
    "fulfilled": PALETTE[2],
    "discontinued": PALETTE[3],
    "withdrawn": PALETTE[3],
}


def colour_for(key: str, position: int) -> str:
    """The colour of a bar with this key: the status colour, the neutral colour when it has no
    key, or else the palette's colour at its position."""
    if not key:
        return NEUTRAL
    return KEY_COLOURS.get(key, PALETTE[position % len(PALETTE)])
