#!/usr/bin/env python3
"""Checks rendered HTML documents for executable content (tests/template/template-xss-001.phpt).

Reads JSON from stdin: a list of {"name", "html", "benign", "payloads"}: one template rendered
with attack strings in its data ("html") and with harmless strings in the same data shape
("benign"). For each document, with Python's html.parser (entities decoded as a browser does):

- no element that runs or loads code (script, iframe, object, embed, base, meta, link, style,
  math, frame, frameset, applet, form inputs that were not in the template...; inline SVG is
  drawn by the results templates, but nothing in it that loads or animates: foreignObject,
  use, image, animate, set);
- no event handler attribute (on*), no style or srcdoc attribute;
- no javascript:, data:, vbscript: (or any scheme but http, https, mailto, tel and
  about:invalid) in href, src, action, formaction, cite, poster, srcset...;
- the same element/attribute structure as the benign rendering: a payload can change text
  and attribute values, never add, remove or reorder elements or attributes, comments or
  declarations (so no text broke out of its context);
- every payload that the template prints shows up intact as decoded text or an attribute
  value somewhere (so the check is not vacuous), and no "{{" payload was interpreted.

Prints one line per problem and a summary line.
"""
import json
import re
import sys
from html.parser import HTMLParser

DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "base", "meta", "link", "style",
                  "math", "frame", "frameset", "applet", "noscript", "template", "xmp", "plaintext",
                  "foreignobject", "use", "image", "feimage", "animate", "animatemotion",
                  "animatetransform", "set"}
URL_ATTRS = {"href", "src", "action", "formaction", "cite", "poster", "background", "data",
             "codebase", "longdesc", "usemap", "manifest", "xlink:href", "icon", "srcset",
             "imagesrcset", "ping", "lowsrc", "dynsrc", "archive", "classid", "profile"}
SAFE_SCHEMES = {"http", "https", "mailto", "tel", "about"}


class Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.structure = []   # (kind, tag, attribute names)
        self.attrs = []       # (tag, name, value)
        self.text = []

    def handle_starttag(self, tag, attrs):
        self.structure.append(("start", tag, tuple(n for n, _ in attrs)))
        for n, v in attrs:
            self.attrs.append((tag, n, v if v is not None else ""))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        self.structure.append(("end", tag, ()))

    def handle_data(self, data):
        self.text.append(data)

    def handle_comment(self, data):
        self.structure.append(("comment", "", ()))

    def handle_decl(self, decl):
        self.structure.append(("decl", "", ()))

    def handle_pi(self, data):
        self.structure.append(("pi", "", ()))

    def unknown_decl(self, data):
        self.structure.append(("unknown", "", ()))


def parse(html):
    c = Collector()
    c.feed(html)
    c.close()
    return c


def scheme(url):
    """The scheme a browser would see, lower case, or None for a relative reference."""
    u = url.lstrip("".join(chr(i) for i in range(0x21)))
    u = re.sub(r"[\t\n\r]", "", u)
    m = re.match(r"([^:/?#\\]*):", u)
    return m.group(1).lower() if m else None


def url_problems(tag, name, value):
    values = [value]
    if name in ("srcset", "imagesrcset", "ping"):
        values = [tok for part in re.split(r"[,;]", value) for tok in part.split()]
    out = []
    for v in values:
        s = scheme(v)
        if s is not None and s not in SAFE_SCHEMES:
            out.append("<%s %s> holds a %s: URL: %r" % (tag, name, s, value[:80]))
        if s == "about" and not v.strip().lower().startswith("about:invalid"):
            out.append("<%s %s> holds an about: URL other than about:invalid: %r" % (tag, name, value[:80]))
    return out


def check(doc):
    problems = []
    name = doc["name"]
    try:
        bad, good = parse(doc["html"]), parse(doc["benign"])
    except Exception as e:  # html.parser raises on nothing in practice; keep the report readable
        return ["%s: does not parse: %s" % (name, e)], 0
    for kind, tag, _ in bad.structure:
        if kind == "start" and tag in DANGEROUS_TAGS:
            problems.append("%s: <%s> element in the output" % (name, tag))
    for tag, attr, value in bad.attrs:
        if attr.startswith("on"):
            problems.append("%s: event handler attribute %s on <%s>" % (name, attr, tag))
        if attr in ("style", "srcdoc"):
            problems.append("%s: %s attribute on <%s>" % (name, attr, tag))
        if attr in URL_ATTRS:
            problems += ["%s: %s" % (name, p) for p in url_problems(tag, attr, value)]
    if bad.structure != good.structure:
        for i, (a, b) in enumerate(zip(bad.structure, good.structure)):
            if a != b:
                problems.append("%s: structure differs from the benign rendering at node %d: %r instead of %r"
                                % (name, i, a, b))
                break
        else:
            problems.append("%s: %d nodes instead of %d" % (name, len(bad.structure), len(good.structure)))
    seen = "\n".join(bad.text) + "\n" + "\n".join(v for _, _, v in bad.attrs)
    shown = sum(1 for p in doc["payloads"] if p in seen)
    for p in doc["payloads"]:
        if "{{" in p and p not in seen and p.replace("{{", "") in seen:
            problems.append("%s: the payload %r was interpreted as a tag" % (name, p))
    return problems, shown


def main():
    docs = json.load(sys.stdin)
    problems, with_payloads = [], 0
    for doc in docs:
        p, shown = check(doc)
        problems += p
        if shown:
            with_payloads += 1
        elif doc["payloads"]:
            problems.append("%s: none of its payloads shows in the output (vacuous check)" % doc["name"])
    for p in problems[:50]:
        print(p)
    print("%s: %d documents checked, %d with payloads rendered, %d problems"
          % ("ok" if not problems else "FAIL", len(docs), with_payloads, len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
