#!/usr/bin/env python3
"""HTML report test: the page, rendered by headless Chromium, shows every finding.

Usage: html_report_test.py --tool PURPOSE_CHECK [--artifacts DIR] [--chromium PATH] CASE...

For each CASE (copied to a temp dir) the test writes --format html and
--format json, loads the page in headless Chromium (--dump-dom, so the DOM
is the one after the page's scripts ran) and asserts:

- the page is self-contained: no external scripts, styles, images or fonts;
- one <section> per finding: for every JSON finding exactly one section
  holds its fingerprint, and that section names the origin, the sink, the
  sink's purpose, every origin purpose, the reason (suppressed and
  declassified), each trace step's file:line, and the sink's source line
  (the snippet);
- two <select> filters: one offering every purpose (origins' and sinks'), one
  offering every file a finding touches; driving them (an injected script
  picks each option and fires "change") leaves visible exactly the sections
  of the findings with that purpose / touching that file, and "all" shows
  every section again.

A screenshot of each page (1280x2000) is kept in DIR (default: the current
directory) and its path printed.
"""

import html.parser
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))
sys.path.insert(1, os.path.dirname(os.path.dirname(os.path.realpath(__file__))))  # scripts/: make_compdb
import report_testlib as lib  # noqa: E402

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                  "--disable-background-networking", "--no-first-run",
                  "--hide-scrollbars", "--mute-audio"]

# Appended to a copy of the page: drives each filter and records, per option,
# the fingerprints of the visible sections in <pre id="filter-test">.
DRIVER = r"""
<script>
(function(){
  function visible(){
    var out=[];
    document.querySelectorAll('section').forEach(function(s){
      if (s.hidden || getComputedStyle(s).display==='none') return;
      // The fingerprint: after the word, else the last 16-hex-digit token.
      var t=s.textContent, m=t.match(/fingerprint\W*([0-9a-f]{16})\b/i);
      var all=t.match(/\b[0-9a-f]{16}\b/g)||[''];
      out.push(m ? m[1] : all[all.length-1]);
    });
    return out.sort();
  }
  var result={all: visible(), selects: []};
  document.querySelectorAll('select').forEach(function(sel){
    var r={id: sel.id, options: {}};
    Array.prototype.forEach.call(sel.options, function(o){
      sel.value=o.value; sel.dispatchEvent(new Event('change', {bubbles:true}));
      r.options[o.value]=visible();
    });
    sel.value=''; sel.dispatchEvent(new Event('change', {bubbles:true}));
    result.selects.push(r);
  });
  result.reset=visible();
  var pre=document.createElement('pre'); pre.id='filter-test';
  pre.textContent=JSON.stringify(result); document.body.appendChild(pre);
})();
</script>
"""


class Dom(html.parser.HTMLParser):
    """Sections with their text, selects with their options, external refs."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.sections = []     # text of each <section>
        self.selects = []      # [(id, [option values])]
        self.external = []     # src/href attributes that load something
        self.filter_test = None
        self._depth = 0        # <section> nesting
        self._pre = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "section":
            if self._depth == 0:
                self.sections.append("")
            self._depth += 1
        elif tag == "select":
            self.selects.append((a.get("id", ""), []))
        elif tag == "option" and self.selects:
            self.selects[-1][1].append(a.get("value", ""))
        elif tag == "pre" and a.get("id") == "filter-test":
            self._pre = True
            self.filter_test = ""
        for k in ("src", "href"):
            if a.get(k) and tag in ("script", "link", "img", "iframe", "source", "video", "audio",
                                    "embed", "object"):
                self.external.append("%s %s=%s" % (tag, k, a[k]))

    def handle_endtag(self, tag):
        if tag == "section" and self._depth:
            self._depth -= 1
        elif tag == "pre":
            self._pre = False

    def handle_data(self, data):
        if self._depth:
            self.sections[-1] += data
        if self._pre:
            self.filter_test += data


def chromium(exe, args, tmp):
    profile = tempfile.mkdtemp(prefix="chromium-profile.", dir=tmp)
    p = subprocess.run([exe] + CHROMIUM_FLAGS + ["--user-data-dir=" + profile] + args,
                       capture_output=True, text=True, timeout=120)
    return p.returncode, p.stdout, p.stderr


def expected_purposes(f):
    return set(f["origin"]["purposes"]) | {f["sink"]["purpose"]}


def expected_files(f):
    files = {f["origin"]["file"], f["sink"]["file"]}
    files.update(t["file"] for t in f["trace"])
    return files


def check_case(c, args, case, tmp):
    proj = lib.Project(case, tmp)
    name = proj.name
    page = os.path.join(proj.root, name + ".html")
    rc_h, _, err, _ = lib.run_tool(args.tool, proj, ["--format=html", "-o", page])
    rc_j, out, _, _ = lib.run_tool(args.tool, proj, ["--format=json"])
    if not c.check(rc_h in (0, 1) and os.path.exists(page),
                   "%s: purpose-check --format html exited %d\n%s" % (name, rc_h, err)):
        return
    c.equal(rc_h, rc_j, "%s: exit status, html vs. json" % name)
    report = json.loads(out)
    findings = list(lib.all_findings(report))

    rc, dom_text, err = chromium(args.chromium, ["--dump-dom", "file://" + page], tmp)
    if not c.check(rc == 0 and "<html" in dom_text,
                   "%s: chromium --dump-dom failed (%d): %s" % (name, rc, err[-2000:])):
        return
    dom = Dom()
    dom.feed(dom_text)
    c.equal(dom.external, [], "%s: the page loads external resources" % name)
    c.equal(len(dom.sections), len(findings), "%s: sections vs. JSON findings" % name)
    for kind, f in findings:
        where = "%s: %s %s -> %s (%s)" % (name, kind, f["origin"]["name"], f["sink"]["name"],
                                          f["fingerprint"])
        holders = [s for s in dom.sections if f["fingerprint"] in s]
        if not c.equal(len(holders), 1, where + ": sections holding the fingerprint"):
            continue
        s = holders[0]
        wanted = [f["origin"]["name"], f["sink"]["name"], f["sink"]["purpose"]]
        wanted += f["origin"]["purposes"]
        if kind != "violations":
            wanted.append(f["reason"])
        wanted += ["%s:%d" % (t["file"], t["line"]) for t in f["trace"]]
        for w in wanted:
            c.check(w in s, "%s: the section does not show %r" % (where, w))
        with open(proj.path(f["sink"]["file"]), encoding="utf-8") as fh:
            sink_line = fh.read().split("\n")[f["sink"]["line"] - 1].strip()
        c.check(sink_line in s, "%s: the section has no snippet of the sink's line %r"
                % (where, sink_line))

    # The filters, as a user drives them.
    all_purposes = set().union(*[expected_purposes(f) for _, f in findings]) if findings else set()
    all_files = set().union(*[expected_files(f) for _, f in findings]) if findings else set()
    purpose_sel = [s for s in dom.selects if all_purposes and all_purposes <= set(s[1])]
    file_sel = [s for s in dom.selects if all_files and all_files <= set(s[1])]
    c.check(purpose_sel, "%s: no <select> offers every purpose %s (selects: %s)"
            % (name, sorted(all_purposes), dom.selects))
    c.check(file_sel, "%s: no <select> offers every file %s (selects: %s)"
            % (name, sorted(all_files), dom.selects))

    driven = page[:-5] + ".driven.html"
    with open(page, encoding="utf-8") as fh:
        text = fh.read()
    at = text.rfind("</body>")
    with open(driven, "w", encoding="utf-8") as fh:
        fh.write(text[:at] + DRIVER + text[at:] if at >= 0 else text + DRIVER)
    rc, dom_text, err = chromium(args.chromium, ["--dump-dom", "file://" + driven], tmp)
    dd = Dom()
    dd.feed(dom_text)
    if c.check(dd.filter_test, "%s: the filter driver produced nothing: %s" % (name, err[-1000:])):
        res = json.loads(dd.filter_test)
        every = sorted(f["fingerprint"] for _, f in findings)
        c.equal(res["all"], every, "%s: visible sections before filtering" % name)
        c.equal(res["reset"], every, "%s: visible sections after resetting the filters" % name)
        by_id = {s["id"]: s["options"] for s in res["selects"]}
        for sel_id, values in purpose_sel[:1]:
            for p in sorted(all_purposes):
                want = sorted(f["fingerprint"] for _, f in findings if p in expected_purposes(f))
                c.equal(by_id.get(sel_id, {}).get(p), want,
                        "%s: visible sections with purpose filter %r" % (name, p))
        for sel_id, values in file_sel[:1]:
            for fl in sorted(all_files):
                want = sorted(f["fingerprint"] for _, f in findings if fl in expected_files(f))
                c.equal(by_id.get(sel_id, {}).get(fl), want,
                        "%s: visible sections with file filter %r" % (name, fl))

    os.makedirs(args.artifacts, exist_ok=True)
    shot = os.path.join(args.artifacts, "html-report-%s.png" % name)
    if os.path.exists(shot):
        os.remove(shot)
    rc, _, err = chromium(args.chromium, ["--screenshot=" + shot, "--window-size=1280,2000",
                                          "file://" + page], tmp)
    c.check(rc == 0 and os.path.getsize(shot) > 10000 if os.path.exists(shot) else False,
            "%s: no screenshot (%d): %s" % (name, rc, err[-1000:]))
    shutil.copy(page, os.path.join(args.artifacts, "html-report-%s.html" % name))
    print("%s: %d findings, %d sections; screenshot %s" % (name, len(findings),
                                                           len(dom.sections), shot))


def main():
    parser = lib.common_args(__doc__.splitlines()[0])
    parser.add_argument("--artifacts", default=os.getcwd(), type=os.path.abspath)
    parser.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    parser.add_argument("cases", nargs="+")
    args = parser.parse_args()
    c = lib.make_checks("html_report_test", args)
    if not shutil.which(args.chromium):
        print("html_report_test: no chromium (%s); run scripts/setup.sh" % args.chromium,
              file=sys.stderr)
        sys.exit(1)
    with lib.TempDir("purpose-html.", args.keep) as tmp:
        for case in args.cases:
            check_case(c, args, case, tmp)
    c.report()


if __name__ == "__main__":
    main()
