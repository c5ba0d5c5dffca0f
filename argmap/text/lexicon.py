"""Word lists and quotation patterns that segmenting and findings share, in one place, each
named for what it is for (two lists of verbs that look alike do different jobs).

>>> t = 'The "bread riots" spread. He said: "we will not starve in silence".'
>>> [t[a:b] for a, b in quotations(t)]
['"we will not starve in silence"']
>>> bool(QUOTED_RE.search(t)), "found" in REPORTING_VERBS, "found" in SPEECH_VERBS
(True, True, False)
"""

from __future__ import annotations

import re

__all__ = ["REPORTING_VERBS", "SPEECH_VERBS", "QUOTED_RE", "quotations"]

#: Verbs that report a finding or a statement ("a survey found", "Smith argued"): with a
#: figure or a name they make a unit evidence (the `reporting` feature).
REPORTING_VERBS = frozenset(
    "say said says state stated states argue argued argues claim claimed claims report reported "
    "reports find found finds show showed shown shows suggest suggested suggests estimate "
    "estimated estimates write wrote writes note noted notes explain explained conclude concluded "
    "warn warned according recorded records observed observes told".split()
)

#: Verbs of speaking and writing that name who said a quotation ("..., he said"; "Smith wrote
#: that ..."): the findings look for them next to a quotation to tell whether it is sourced.
SPEECH_VERBS = frozenset(
    "say says said write writes wrote argue argues argued claim claims claimed state states "
    "stated tell tells told explain explains explained note notes noted warn warns warned "
    "declare declares declared observe observes observed insist insists insisted add adds added "
    "put puts recall recalls recalled remark remarks remarked ask asks asked reply replies "
    "replied announce announces announced admit admits admitted call calls called describe "
    "describes described".split()
)

#: A quotation of 12 characters or more between quotation marks (the `quote` feature).
QUOTED_RE = re.compile(r"[\"\u201c\u2018'][^\"\u201c\u201d\u2018\u2019]{12,}[\"\u201d\u2019']")

_WORDS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# A quotation may run over a line break (hard-wrapped text).
_QUOTE = re.compile(
    r"[\"“]([^\"“”]+)[\"”]|(?<!\w)['‘](?=\w)(.+?)(?<=[\w.,!?])['’](?!\w)", re.DOTALL
)


def quotations(text: str, min_words: int = 4) -> list[tuple[int, int]]:
    """Spans (quotation marks included) of the passages of `min_words` or more words quoted in
    `text`, titles aside (more than half their words capitalised).

    >>> t = 'The "bread riots" spread. He said: "we will not starve in silence".'
    >>> [t[a:b] for a, b in quotations(t)]
    ['"we will not starve in silence"']
    """
    out = []
    for m in _QUOTE.finditer(text):
        inner = m.group(1) or m.group(2) or ""
        words = _WORDS.findall(inner)
        title = sum(1 for w in words if w[0].isupper()) * 2 > len(words)  # "Top 20 Pros and Cons"
        if len(words) >= min_words and not title:
            out.append((m.start(), m.end()))
    return out
