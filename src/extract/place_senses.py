"""One sense per document for place names two countries share (定州, 安州, 汉江), and the points of places.

Recognition runs before the document's conflict is known, so a name that a
Korean and a Chinese place share is found with its Chinese sense. Once the
narrative has decided the conflict, this stage gives every such mention of a
document the same sense: in a document that narrates the Korean War the
Korean one (``places_korea.csv``: its norm and coordinates), elsewhere the
Chinese one; a Korean name that is a common word elsewhere (县里 'in the
county', 球场 'sports ground') is no mention outside the Korean War. Then each
place mention gets the coordinates of its norm in that sense.
"""

from __future__ import annotations

from extract.gazetteer import Gazetteer
from extract.mention import Mention

KOREA = "korea"


class PlaceSenses:
    """The Korean senses of one gazetteer; the document's state lives in the call."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz

    def apply(self, view: str, mentions: list[Mention], conflict: str) -> list[Mention]:
        """The mentions with each shared place name in the document's sense and every place's lat/lon."""
        korea = conflict == KOREA
        senses, only = self.gaz.korea_senses, self.gaz.korea_only
        coordinates = self.gaz.coordinates_for(conflict)
        out = []
        for m in mentions:
            if m.label == "PLACE":
                name = view[m.start:m.end]
                if korea and name in senses:
                    m.norm = senses[name].norm
                elif not korea and name in only:
                    continue
                point = coordinates.get(m.norm)
                if point is not None:
                    m.attrs["lat"], m.attrs["lon"] = point
            out.append(m)
        return out
