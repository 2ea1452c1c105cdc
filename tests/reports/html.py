"""Reading the dashboards' HTML as a reader's browser would: CSS selectors over the parsed page
(tinyhtml5 and cssselect2 come with WeasyPrint)."""

import re

import cssselect2
import tinyhtml5


class Page:
    def __init__(self, response):
        self.response = response
        self.root = cssselect2.ElementWrapper.from_html_root(
            tinyhtml5.parse(response.content.decode())
        )

    def all(self, selector: str) -> list:
        return [wrapper.etree_element for wrapper in self.root.query_all(selector)]

    def one(self, selector: str):
        found = self.all(selector)
        assert len(found) == 1, f"{len(found)} elements match {selector!r}"
        return found[0]

    def texts(self, selector: str) -> list[str]:
        return [text(element) for element in self.all(selector)]

    def text(self, selector: str) -> str:
        return text(self.one(selector))


def text(element) -> str:
    return re.sub(r"\s+", " ", "".join(element.itertext())).strip()
