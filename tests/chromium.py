"""Headless Chromium driven through the DevTools protocol over a pipe (no extra package), for page tests.

``open_page(path)`` loads a local HTML file in Debian's ``chromium`` and returns what a
reader would see: the console messages and exceptions, the images with their natural
size, and a screenshot. Chromium speaks the protocol on file descriptors 3 (commands
in) and 4 (events and answers out), one JSON message per NUL-terminated chunk
(``--remote-debugging-pipe``).
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio",
]


def find_chromium() -> str | None:
    """The Chromium executable, or None."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


@dataclasses.dataclass
class PageView:
    console: list[dict]          # console API calls: {"type": "error", "text": ...}
    exceptions: list[str]        # uncaught exceptions
    log: list[dict]              # browser log entries (failed loads...): {"level": "error", "text": ...}
    images: list[dict]           # {"alt", "naturalWidth", "naturalHeight", "complete", "width"}
    title: str
    screenshot: bytes
    height: int = 0              # the page's height in CSS pixels, as laid out at the window's width


class _Pipe:
    def __init__(self, process: subprocess.Popen, write_fd: int, read_fd: int) -> None:
        self.process, self.write_fd, self.read_fd = process, write_fd, read_fd
        self.buffer = b""
        self.next_id = 0
        self.events: list[dict] = []

    def send(self, method: str, params: dict | None = None, session: str | None = None, timeout: float = 30.0) -> dict:
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.write_fd, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            for item in self._read(deadline):
                if item.get("id") == self.next_id:
                    if "error" in item:
                        raise RuntimeError(f"{method}: {item['error']}")
                    return item.get("result", {})
                self.events.append(item)

    def wait_for(self, method: str, timeout: float = 30.0) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            for i, event in enumerate(self.events):
                if event.get("method") == method:
                    return self.events.pop(i)
            self.events.extend(self._read(deadline))

    def _read(self, deadline: float) -> list[dict]:
        while b"\0" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("Chromium did not answer in time")
            ready, _, _ = select.select([self.read_fd], [], [], left)
            if ready:
                chunk = os.read(self.read_fd, 1 << 20)
                if not chunk:
                    raise RuntimeError(f"Chromium closed the pipe (exit status {self.process.poll()})")
                self.buffer += chunk
        *messages, self.buffer = self.buffer.split(b"\0")
        return [json.loads(m) for m in messages if m]


_IMAGES = """JSON.stringify(Array.from(document.images).map(i => ({alt: i.alt, naturalWidth: i.naturalWidth,
naturalHeight: i.naturalHeight, complete: i.complete, width: i.getBoundingClientRect().width})))"""


def open_page(path: Path, *, width: int = 1200, height: int = 900, full_page: bool = False,
              timeout: float = 60.0) -> PageView:
    """Load a local HTML file in headless Chromium and report what it shows.

    The screenshot is the first ``width`` x ``height`` pixels, or the whole page with ``full_page``.
    """
    executable = find_chromium()
    if executable is None:
        raise FileNotFoundError("chromium is not installed")
    profile = tempfile.mkdtemp(prefix="cobs-chromium-")
    to_browser_r, to_browser_w = os.pipe()
    from_browser_r, from_browser_w = os.pipe()
    # Chromium reads commands on fd 3 and writes on fd 4: a shell puts the pipe ends there, then becomes Chromium
    process = subprocess.Popen(
        ["sh", "-c", 'exec 3<&0 4>&1 </dev/null >/dev/null; exec "$0" "$@"', executable, *FLAGS,
         f"--user-data-dir={profile}", "--remote-debugging-pipe", f"--window-size={width},{height}", "about:blank"],
        stdin=to_browser_r, stdout=from_browser_w, stderr=subprocess.DEVNULL,
    )
    os.close(to_browser_r)
    os.close(from_browser_w)
    pipe = _Pipe(process, to_browser_w, from_browser_r)
    try:
        target = pipe.send("Target.createTarget", {"url": "about:blank"}, timeout=timeout)["targetId"]
        session = pipe.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            pipe.send(f"{domain}.enable", session=session)
        pipe.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}, session=session)
        pipe.send("Page.navigate", {"url": path.resolve().as_uri()}, session=session)
        pipe.wait_for("Page.loadEventFired", timeout=timeout)
        images = json.loads(pipe.send("Runtime.evaluate", {"expression": _IMAGES, "returnByValue": True},
                                      session=session)["result"]["value"])
        title = pipe.send("Runtime.evaluate", {"expression": "document.title", "returnByValue": True},
                          session=session)["result"]["value"]
        height = pipe.send("Runtime.evaluate", {"expression": "document.documentElement.scrollHeight",
                                                "returnByValue": True}, session=session)["result"]["value"]
        capture: dict = {"format": "png"}
        if full_page:
            size = pipe.send("Page.getLayoutMetrics", session=session)["cssContentSize"]
            capture.update(captureBeyondViewport=True, clip={"x": 0, "y": 0, "width": width,
                                                             "height": size["height"], "scale": 1})
        shot = pipe.send("Page.captureScreenshot", capture, session=session, timeout=timeout)
        events = pipe.events
        console = [{"type": e["params"]["type"],
                    "text": " ".join(str(a.get("value", a.get("description", ""))) for a in e["params"]["args"])}
                   for e in events if e.get("method") == "Runtime.consoleAPICalled"]
        exceptions = [e["params"]["exceptionDetails"].get("text", "") + " "
                      + e["params"]["exceptionDetails"].get("exception", {}).get("description", "")
                      for e in events if e.get("method") == "Runtime.exceptionThrown"]
        log = [{"level": e["params"]["entry"]["level"], "text": e["params"]["entry"]["text"],
                "url": e["params"]["entry"].get("url", "")}
               for e in events if e.get("method") == "Log.entryAdded"]
        return PageView(console, exceptions, log, images, title, base64.b64decode(shot["data"]), int(height))
    finally:
        with contextlib.suppress(RuntimeError, TimeoutError, OSError):
            pipe.send("Browser.close", timeout=5)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        os.close(to_browser_w)
        os.close(from_browser_r)
        shutil.rmtree(profile, ignore_errors=True)
