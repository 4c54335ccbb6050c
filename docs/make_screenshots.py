"""Regenerate the pictures of docs/cm-monday.md from a fresh `trendwatch demo` run.

    docs/img/digest.png    the HTML digest as a browser shows it
    docs/img/digest-phone.png  the same page 390 px wide (a phone; also what a narrow mail client shows)
    docs/img/calendar.png  the week's ideas: the .ics that `trendwatch calendar` writes, read back
                           and drawn as a calendar app's week view (not a real calendar app)
    docs/img/alert.png     `trendwatch alerts --week ...`: its real output, drawn as a terminal window

How to run it (from the repository root; it takes about a minute):

    apt-get install -y chromium                 # Debian's; or set CHROMIUM=/path/to/chrome
    python3 -m venv /tmp/shots && /tmp/shots/bin/pip install pillow   # Pillow: kept out of the project
    /tmp/shots/bin/python docs/make_screenshots.py            # uses .venv/bin/trendwatch
    /tmp/shots/bin/python docs/make_screenshots.py --trendwatch /path/to/trendwatch --keep /tmp/demo

It runs the demo into a temporary folder (`--keep DIR` to keep it), then `trendwatch calendar` and
`trendwatch alerts` on it, writes the calendar and terminal pages next to the demo, screenshots
the three pages with headless Chromium, then trims and compresses the PNGs with Pillow (without
Pillow, the raw screenshots are kept). Nothing here is part of the package: tests must not import it.
"""

from __future__ import annotations

# ruff: noqa: E501  (the pages' CSS reads better one rule a line)
import argparse
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
IMG = ROOT / "docs" / "img"
WEEK = "2026-W10"  # the week the demo builds its digest for
MAX_BYTES = 300_000


# --- running trendwatch -------------------------------------------------------------------------


def find_trendwatch(given: str | None) -> str:
    for candidate in (given, ROOT / ".venv" / "bin" / "trendwatch", shutil.which("trendwatch")):
        if candidate and Path(candidate).exists():
            return str(candidate)
    sys.exit("trendwatch not found: pass --trendwatch PATH")


def run(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, COLUMNS="200", NO_COLOR="1", PREFECT_SERVER_ANALYTICS_ENABLED="false")
    env.pop("TRENDWATCH_CONFIG", None)  # commands without --config use ./trendwatch.toml, the demo's
    print("$", " ".join(cmd), file=sys.stderr)
    return subprocess.run(cmd, cwd=cwd, env=env, text=True, capture_output=True, timeout=600)


# --- calendar: the .ics read back and drawn as a week view ---------------------------------------


@dataclass
class Event:
    start: datetime
    end: datetime
    summary: str
    description: str
    category: str


def _unescape(value: str) -> str:
    return re.sub(r"\\([nN,;\\])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def _when(value: str, params: str, tz: ZoneInfo) -> datetime:
    if value.endswith("Z"):
        return datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC).astimezone(tz)
    m = re.search(r"TZID=([^;:]+)", params)
    return datetime.strptime(value, "%Y%m%dT%H%M%S").replace(tzinfo=ZoneInfo(m.group(1)) if m else tz)


def read_ics(path: Path, tz: ZoneInfo) -> tuple[str, list[Event]]:
    raw = path.read_bytes().replace(b"\r\n", b"\n")
    text = re.sub(rb"\n[ \t]", b"", raw).decode("utf-8")  # unfold on bytes: folds may split a character
    name, events, cur = "", [], None
    for line in text.split("\n"):
        key, _, value = line.partition(":")
        prop, _, params = key.partition(";")
        if prop == "X-WR-CALNAME":
            name = _unescape(value)
        elif line == "BEGIN:VEVENT":
            cur = {}
        elif line == "END:VEVENT" and cur is not None:
            events.append(
                Event(
                    _when(cur["DTSTART"][0], cur["DTSTART"][1], tz),
                    _when(cur["DTEND"][0], cur["DTEND"][1], tz),
                    _unescape(cur.get("SUMMARY", ("", ""))[0]),
                    _unescape(cur.get("DESCRIPTION", ("", ""))[0]),
                    _unescape(cur.get("CATEGORIES", ("", ""))[0]),
                )
            )
            cur = None
        elif cur is not None:
            cur[prop] = (value, params)
    return name, sorted(events, key=lambda e: e.start)


COLOURS = {  # format -> (background, border), like a calendar app's event colours
    "infographic": ("#e3f2fd", "#1e88e5"),
    "carousel": ("#ede7f6", "#7e57c2"),
    "poll": ("#e8f5e9", "#43a047"),
    "post": ("#fff3e0", "#fb8c00"),
    "short_video": ("#fce4ec", "#d81b60"),
    "thread": ("#e0f7fa", "#00acc1"),
}
DAYS = ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."]
MONTHS = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
HOUR_PX = 100


def calendar_page(ics: Path, tz: ZoneInfo) -> str:
    name, events = read_ics(ics, tz)
    # the ideas of week W's digest are slots in the week after it: show the week they fall in
    first_day = (
        events[0].start.date() if events else date.fromisocalendar(*(int(x) for x in WEEK.split("-W")), 1)
    )
    monday = first_day - timedelta(days=first_day.weekday())
    first = max(0, min(e.start.hour for e in events) - 1) if events else 8
    last = min(24, max(e.end.hour + (1 if e.end.minute else 0) for e in events) + 1) if events else 19
    e = lambda s: html.escape(s, quote=True)  # noqa: E731

    cols = []
    for d in range(7):
        day = monday + timedelta(days=d)
        blocks = []
        for i, ev in enumerate(events):
            if ev.start.date() != day:
                continue
            top = (ev.start.hour + ev.start.minute / 60 - first) * HOUR_PX
            height = max(28.0, (ev.end - ev.start).total_seconds() / 3600 * HOUR_PX) - 3
            bg, border = COLOURS.get(ev.category, ("#eceff1", "#607d8b"))
            sel = " sel" if i == 0 else ""
            blocks.append(
                f'<div class="ev{sel}" style="top:{top:.0f}px;height:{height:.0f}px;background:{bg};'
                f'border-left-color:{border}"><p><b>{e(ev.summary)}</b>, {ev.start:%H:%M}</p></div>'
            )
        off = " off" if d >= 5 else ""
        cols.append(f'<div class="col{off}">{"".join(blocks)}</div>')
    heads = "".join(
        f'<div class="dh{" off" if d >= 5 else ""}"><span>{DAYS[d]}</span>'
        f"<strong>{(monday + timedelta(days=d)).day}</strong></div>"
        for d in range(7)
    )
    hours = "".join(f'<div class="h">{h:02d}:00</div>' for h in range(first, last))
    sunday = monday + timedelta(days=6)
    legend = "".join(
        f'<span><i style="background:{COLOURS.get(c, ("", "#607d8b"))[1]}"></i>{e(c)}</span>'
        for c in dict.fromkeys(ev.category for ev in events)
    )

    detail = ""
    if events:
        ev = events[0]
        lines = []
        for line in ev.description.split("\n"):
            cls = (
                ' class="cmd"'
                if "trendwatch idea" in line
                else ' class="src"'
                if line.startswith("- ")
                else ""
            )
            lines.append(f"<p{cls}>{e(line)}</p>")
        detail = (
            f'<aside><div class="card"><div class="sw" style="background:{COLOURS.get(ev.category, ("", "#607d8b"))[1]}">'
            f'</div><h3>{e(ev.summary)}</h3><p class="when">{DAYS[ev.start.weekday()]} {ev.start.day} '
            f"{MONTHS[ev.start.month - 1]} · {ev.start:%H:%M}–{ev.end:%H:%M}</p>"
            f'<p class="cal">Calendrier : {e(name)}</p><div class="desc">{"".join(lines)}</div></div></aside>'
        )

    return f"""<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{e(name)}</title><style>
body{{margin:0;font-family:'Liberation Sans',Roboto,Arial,sans-serif;color:#3c4043;background:#fff;font-size:13px}}
header{{display:flex;align-items:center;gap:18px;padding:12px 20px;border-bottom:1px solid #dadce0}}
header .logo{{font-size:20px;color:#5f6368}} header .today{{border:1px solid #dadce0;border-radius:4px;padding:6px 14px}}
header h1{{font-size:20px;font-weight:400;margin:0}} header .src{{margin-left:auto;color:#5f6368}}
.wrap{{display:flex}} .main{{flex:1;padding:0 8px 12px 0}}
.dhs{{display:grid;grid-template-columns:56px repeat(5,1fr) repeat(2,.45fr);border-bottom:1px solid #dadce0}}
.dh{{text-align:center;padding:8px 0 6px}} .dh span{{display:block;font-size:11px;text-transform:uppercase;color:#70757a}}
.dh strong{{font-size:22px;font-weight:400}} .dh.off{{color:#9aa0a6}}
.grid{{display:grid;grid-template-columns:56px repeat(5,1fr) repeat(2,.45fr);position:relative}}
.hours .h{{height:{HOUR_PX}px;font-size:10px;color:#70757a;text-align:right;padding-right:8px;transform:translateY(-6px)}}
.col{{position:relative;border-left:1px solid #dadce0;height:{(last - first) * HOUR_PX}px;
background:repeating-linear-gradient(#fff 0,#fff {HOUR_PX - 1}px,#e8eaed {HOUR_PX - 1}px,#e8eaed {HOUR_PX}px)}}
.col.off{{background-color:#f8f9fa;background:repeating-linear-gradient(#f8f9fa 0,#f8f9fa {HOUR_PX - 1}px,#e8eaed {HOUR_PX - 1}px,#e8eaed {HOUR_PX}px)}}
.ev{{position:absolute;left:3px;right:5px;border-left:4px solid;border-radius:4px;padding:3px 6px;overflow:hidden;
font-size:11.5px;line-height:1.15;color:#3c4043;box-shadow:0 1px 2px rgba(0,0,0,.15)}}
.ev b{{font-weight:600;color:#202124}}
.ev p{{margin:0;display:-webkit-box;-webkit-line-clamp:3;-webkit-box-orient:vertical;overflow:hidden}} .legend{{display:flex;gap:14px;padding:8px 20px 0 76px;font-size:11.5px;color:#5f6368}}
.legend i{{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:5px;vertical-align:-1px}}
.ev.sel{{outline:2px solid #1a73e8}}
aside{{width:310px;padding:14px 16px 14px 4px}}
.card{{border-radius:8px;box-shadow:0 4px 14px rgba(0,0,0,.22);padding:16px 18px;position:relative}}
.card .sw{{position:absolute;left:18px;top:22px;width:14px;height:14px;border-radius:3px}}
.card h3{{margin:0 0 4px 26px;font-size:17px;font-weight:400;color:#202124}}
.card .when{{margin:0 0 10px 26px;color:#5f6368}} .card .cal{{margin:0 0 10px;color:#5f6368}}
.desc p{{margin:0 0 4px;line-height:1.35;overflow-wrap:anywhere}} .desc p.src{{word-break:break-all;color:#1a73e8;padding-left:8px}} .desc p.cmd{{margin-top:8px;font-family:'DejaVu Sans Mono',monospace;font-size:11.5px;background:#f1f3f4;padding:4px 6px;border-radius:4px}}
</style></head><body>
<header><span class="logo">▦ Agenda</span><span class="today">Aujourd'hui</span><span>‹ ›</span>
<h1>{monday.day} – {sunday.day} {MONTHS[sunday.month - 1]} {sunday.year}</h1>
<span class="src">Calendrier importé : <b>{e(name)}</b> ({len(events)} événements, {e(ics.name)})</span></header>
<div class="legend">{legend}</div>
<div class="wrap"><div class="main"><div class="dhs"><div></div>{heads}</div>
<div class="grid"><div class="hours">{hours}</div>{"".join(cols)}</div></div>{detail}</div>
</body></html>"""


# --- alert: the command's real output drawn as a terminal window ---------------------------------


def terminal_page(prompt_dir: str, command: str, output: str, code: int, columns: int = 132) -> str:
    def wrap(text: str) -> str:  # a terminal wraps at its width, wherever that falls
        out = []
        for line in text.rstrip("\n").split("\n"):
            line = line.expandtabs()
            out.extend([line[i : i + columns] for i in range(0, len(line), columns)] or [""])
        return "\n".join(out)

    ps1 = f'<span class="u">camille@poste</span>:<span class="d">{html.escape(prompt_dir)}</span>$ '
    body = (
        f"{ps1}{html.escape(command)}\n{html.escape(wrap(output))}\n"
        f'{ps1}echo $?\n{code}\n{ps1}<span class="cur"> </span>'
    )
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><style>
body{{margin:0;padding:40px;background:#fff;font-family:sans-serif}}
.win{{display:inline-block;border-radius:9px;overflow:hidden;box-shadow:0 6px 24px rgba(0,0,0,.35);background:#1e1e1e}}
.bar{{background:#383838;color:#ccc;font-size:13px;text-align:center;padding:7px 0;position:relative}}
.bar i{{position:absolute;top:8px;width:12px;height:12px;border-radius:50%}}
pre{{margin:0;padding:12px 14px 14px;color:#e6e6e6;font:13px/1.38 'DejaVu Sans Mono',monospace;width:{columns}ch;white-space:pre}}
.u{{color:#8ae234;font-weight:bold}} .d{{color:#729fcf;font-weight:bold}} .cur{{background:#e6e6e6}}
</style></head><body><div class="win"><div class="bar"><i style="left:12px;background:#ff5f57"></i>
<i style="left:32px;background:#febc2e"></i><i style="left:52px;background:#28c840"></i>
camille@poste: {html.escape(prompt_dir)} — {columns}×{body.count(chr(10)) + 1}</div><pre>{body}</pre></div></body></html>"""


# --- screenshots ----------------------------------------------------------------------------------


def chromium() -> str:
    for name in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if name and shutil.which(name):
            return shutil.which(name)  # type: ignore[return-value]
    sys.exit("chromium not found: apt-get install -y chromium (or set CHROMIUM)")


PHONE_PX = 390


def phone_page(page: str) -> str:
    """The digest in a PHONE_PX-wide frame (headless Chromium's window can't be narrower than 500 px)."""
    return (
        "<!DOCTYPE html><html><body style='margin:0;background:#fff'>"
        f"<iframe style='width:{PHONE_PX}px;height:1600px;border:1px solid #cbd2d9' "
        f'srcdoc="{html.escape(page)}"></iframe></body></html>'
    )


def screenshot(page: Path, out: Path, width: int, height: int) -> None:
    with tempfile.TemporaryDirectory() as profile:
        cmd = [
            chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--hide-scrollbars", "--force-device-scale-factor=1", f"--user-data-dir={profile}",
            f"--window-size={width},{height}", f"--screenshot={out}", page.resolve().as_uri(),
        ]  # fmt: skip
        subprocess.run(cmd, check=True, capture_output=True, timeout=180)


def finish(raw: Path, out: Path, max_height: int | None = None, pad: int = 16) -> None:
    """Trim the blank margins, cap the height, and keep the file under MAX_BYTES."""
    try:
        from PIL import Image, ImageChops
    except ImportError:
        print("Pillow not installed: keeping the raw screenshot", file=sys.stderr)
        shutil.copyfile(raw, out)
        return
    img = Image.open(raw).convert("RGB")
    bg = Image.new("RGB", img.size, img.getpixel((img.width - 1, img.height - 1)))
    box = ImageChops.difference(img, bg).getbbox()
    if box:
        left, top, right, bottom = box
        img = img.crop(
            (
                max(0, left - pad),
                max(0, top - pad),
                min(img.width, right + pad),
                min(img.height, bottom + pad),
            )
        )
    if max_height and img.height > max_height:  # cut in a blank band between two sections if there is one
        gray, cut, run = img.convert("L"), max_height, 0
        for y in range(max_height, max_height // 2, -1):
            run = run + 1 if gray.crop((0, y, gray.width, y + 1)).getextrema()[0] >= 250 else 0
            if run >= 10:
                cut = y + run // 2
                break
        img = img.crop((0, 0, img.width, cut))
    img.save(out, optimize=True)
    if out.stat().st_size > MAX_BYTES:  # a 256-colour palette keeps text sharp at a fraction of the size
        img.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
            out, optimize=True
        )
    print(
        f"{out.relative_to(ROOT)}: {img.width}×{img.height}, {out.stat().st_size // 1024} KB", file=sys.stderr
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--trendwatch", help="the trendwatch command (default: .venv/bin/trendwatch, then PATH)")
    ap.add_argument(
        "--keep", type=Path, help="run the demo in this folder and keep it (default: a temp folder)"
    )
    args = ap.parse_args()
    tw = find_trendwatch(args.trendwatch)
    IMG.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory(prefix="trendwatch-shots-") as tmp:
        work = args.keep.resolve() if args.keep else Path(tmp) / "demo"
        if work.exists():
            shutil.rmtree(work)
        demo = run([tw, "demo", "--dir", str(work)], cwd=Path(tmp))
        if demo.returncode != 0:
            sys.exit(f"trendwatch demo failed ({demo.returncode}):\n{demo.stdout}\n{demo.stderr}")
        config = work / "trendwatch.toml"
        tz = ZoneInfo(tomllib.loads(config.read_text("utf-8")).get("digest", {}).get("timezone", "UTC"))

        cal = run([tw, "--config", str(config), "calendar", "--week", WEEK, "--out", str(work)], cwd=work)
        if cal.returncode != 0:
            sys.exit(f"trendwatch calendar failed ({cal.returncode}):\n{cal.stdout}\n{cal.stderr}")
        alert_cmd = ["alerts", "--week", WEEK]
        alert = run([tw, *alert_cmd], cwd=work)  # run as shown: the config is ./trendwatch.toml
        if alert.returncode != 4:
            print(
                f"note: trendwatch alerts exited {alert.returncode}, expected 4 (an open alert)",
                file=sys.stderr,
            )

        pages = work / "screenshots"
        pages.mkdir(exist_ok=True)
        (pages / "calendar.html").write_text(calendar_page(work / f"calendar-{WEEK}.ics", tz), "utf-8")
        (pages / "alert.html").write_text(
            terminal_page(
                "~/veille", "trendwatch " + " ".join(alert_cmd), alert.stdout + alert.stderr, alert.returncode
            ),
            "utf-8",
        )

        digest_page = work / f"digest-{WEEK}.html"
        (pages / "digest-phone.html").write_text(phone_page(digest_page.read_text("utf-8")), "utf-8")
        shots = [
            (digest_page, "digest.png", 1000, 2200, 1800),
            (pages / "digest-phone.html", "digest-phone.png", 520, 1700, 1600),
            (pages / "calendar.html", "calendar.png", 1280, 1500, None),
            (pages / "alert.html", "alert.png", 1240, 1000, None),
        ]
        for page, name, width, height, max_height in shots:
            raw = pages / name
            screenshot(page, raw, width, height)
            finish(raw, IMG / name, max_height)
    return 0


if __name__ == "__main__":
    sys.exit(main())
