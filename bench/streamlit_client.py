"""A browser tab without the browser: Streamlit's own websocket protocol, as its front end speaks it.

The front end opens `/_stcore/stream` (subprotocol "streamlit", its own origin), sends each run
request as a `BackMsg` holding a `ClientState` (the page, the values of the widgets it holds, a
button's one-shot trigger, a fragment's id) and draws the `ForwardMsg`s that come back: the new
session, the page list (`navigation`), one `delta` per element with its widget id, and
`script_finished` when the run is over. This client does the same without drawing anything, so a
server it drives does exactly the work a browser's clicks cause: it is what the simulated users of
bench/simulated_users.py are made of.

What it does not do that a browser does: it loads no HTML, JavaScript or static files (a browser
fetches them once per tab and then from its cache); it keeps no cookies and fetches no pictures, so
the session is signed in by its form and the re-login cookie's picture (components/sign_in_cookie.py)
is not fetched; it reports no cached messages (`cached_message_hashes`), so large elements arrive whole every
run where a browser would get a reference to one it holds; and it does not run custom components'
own front-end code.

Widgets are found by their key (Streamlit appends the key to a keyed widget's id) or by type and
label, among the elements of the latest run.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

EARLY = ForwardMsg.ScriptFinishedStatus.Value("FINISHED_EARLY_FOR_RERUN")


@dataclass
class Widget:
    kind: str           # the Element field: "button", "text_input", "selectbox", ...
    id: str
    label: str
    proto: object       # the element's own message (options, form_id, ...)


@dataclass
class Run:
    """What one run request cost: from sending it until the run that answers it has finished (a
    run that ends early because the script asked for another, e.g. st.rerun() after a save, does not
    end it)."""
    seconds: float
    bytes: int
    messages: int
    exceptions: list[str] = field(default_factory=list)
    alerts: list[str] = field(default_factory=list)


class StreamlitSession:
    """One session (one browser tab) on a Streamlit server at `base_url` (http://host:port)."""

    def __init__(self, base_url: str, timeout: float = 300.0):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.pages: dict[str, str] = {}          # url path ("" for the default page) -> page script hash
        self.page_hash = ""                      # the page the session is on
        self.widgets: list[Widget] = []          # the latest run's widgets, in order
        self.values: dict[str, WidgetState] = {}  # widget id -> the value this tab holds
        self.auto_rerun: tuple[float, str] | None = None   # (interval, fragment id) of a timer fragment
        self._socket = None
        self._reader: asyncio.Task | None = None
        self._done: asyncio.Future | None = None
        self._current: dict | None = None

    # -- the connection -------------------------------------------------------------------------

    async def connect(self, path: str = "") -> Run:
        """Open the websocket and run the page at `path`, as a browser's first load does."""
        from websockets.asyncio.client import connect

        ws_url = self.base_url.replace("http", "ws", 1) + "/_stcore/stream"
        # the front end offers permessage-deflate; the server's answer is compressed as for a browser
        self._socket = await connect(ws_url, subprotocols=["streamlit"], origin=self.base_url,
                                     max_size=None, open_timeout=self.timeout, ping_interval=None)
        self._reader = asyncio.create_task(self._read())
        return await self.rerun(page_name=path)

    async def close(self) -> None:
        if self._socket is not None:
            await self._socket.close()
        if self._reader is not None:
            self._reader.cancel()
            try:
                await self._reader
            except (asyncio.CancelledError, Exception):
                pass

    async def _read(self) -> None:
        try:
            async for data in self._socket:
                message = ForwardMsg()
                message.ParseFromString(data)
                self._receive(message, len(data))
        except Exception as error:          # the connection ended: whoever waits is told
            if self._done is not None and not self._done.done():
                self._done.set_exception(ConnectionError(f"the websocket ended: {error!r}"))
            return
        if self._done is not None and not self._done.done():
            self._done.set_exception(ConnectionError("the server closed the websocket"))

    def _receive(self, message: ForwardMsg, size: int) -> None:
        current = self._current
        if current is not None:
            current["bytes"] += size
            current["messages"] += 1
        kind = message.WhichOneof("type")
        if kind == "new_session":
            self.page_hash = message.new_session.page_script_hash or self.page_hash
        elif kind == "navigation":
            self.pages = {page.url_pathname: page.page_script_hash for page in message.navigation.app_pages}
            self.page_hash = message.navigation.page_script_hash or self.page_hash
        elif kind == "page_info_changed" or kind == "page_not_found":
            pass
        elif kind == "auto_rerun":
            self.auto_rerun = (message.auto_rerun.interval, message.auto_rerun.fragment_id)
        elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            element = message.delta.new_element
            type_ = element.WhichOneof("type")
            if type_ is None or current is None:
                return
            inner = getattr(element, type_)
            if type_ == "exception":
                current["exceptions"].append(f"{inner.type}: {inner.message}"[:300])
            elif type_ == "alert":
                current["alerts"].append(inner.body[:300])
            widget_id = getattr(inner, "id", "") if inner.DESCRIPTOR.fields_by_name.get("id") else ""
            if widget_id:
                current["widgets"].append(Widget(type_, widget_id, getattr(inner, "label", ""), inner))
        elif kind == "script_finished" and message.script_finished != EARLY:
            if self._done is not None and not self._done.done():
                self._done.set_result(time.perf_counter())

    # -- run requests ----------------------------------------------------------------------------

    async def rerun(self, page_hash: str | None = None, page_name: str = "", trigger: Widget | None = None,
                    fragment_id: str = "") -> Run:
        """Ask for a run (of `page_hash`, or the page the session is on) with the values this tab
        holds, plus a button's one-shot trigger; wait until it has finished."""
        message = BackMsg()
        state = message.rerun_script
        state.page_script_hash = self.page_hash if page_hash is None else page_hash
        state.page_name = page_name
        state.fragment_id = fragment_id
        state.is_auto_rerun = bool(fragment_id)
        state.context_info.timezone = "UTC"
        state.context_info.locale = "en-US"
        state.context_info.url = self.base_url + "/" + page_name
        state.widget_states.widgets.extend(self.values.values())
        if trigger is not None:
            state.widget_states.widgets.add(id=trigger.id, trigger_value=True)
        loop = asyncio.get_running_loop()
        self._done = loop.create_future()
        self._current = {"bytes": 0, "messages": 0, "widgets": [], "exceptions": [], "alerts": []}
        started = time.perf_counter()
        await self._socket.send(message.SerializeToString())
        finished = await asyncio.wait_for(self._done, self.timeout)
        current, self._current = self._current, None
        if not fragment_id:      # a fragment's run redraws only the fragment
            self.widgets = current["widgets"]
            shown = {w.id for w in self.widgets}
            self.values = {key: value for key, value in self.values.items() if key in shown}
        return Run(finished - started, current["bytes"], current["messages"], current["exceptions"],
                   current["alerts"])

    async def visit(self, path: str) -> Run:
        """Open the page at url path `path` from the menu ("" is the default page)."""
        return await self.rerun(page_hash=self.pages[path], page_name=path)

    async def click(self, widget: Widget) -> Run:
        """Click a button (a form's submit button sends the form's values with it)."""
        return await self.rerun(trigger=widget)

    # -- widgets -----------------------------------------------------------------------------------

    def find(self, kind: str | None = None, label: str | None = None, key: str | None = None,
             key_prefix: str | None = None) -> Widget | None:
        """The first widget of the latest run with this type, label and key (or key prefix)."""
        for widget in self.widgets:
            user_key = widget.id.rsplit("-", 1)[-1] if widget.id.startswith("$$ID") else widget.id
            if kind is not None and widget.kind != kind:
                continue
            if label is not None and widget.label != label:
                continue
            if key is not None and not widget.id.endswith("-" + key):
                continue
            if key_prefix is not None and not user_key.startswith(key_prefix):
                continue
            return widget
        return None

    def set_text(self, widget: Widget, text: str) -> None:
        self.values[widget.id] = WidgetState(id=widget.id, string_value=text)

    def set_number(self, widget: Widget, number: float) -> None:
        self.values[widget.id] = WidgetState(id=widget.id, double_value=float(number))

    def set_date(self, widget: Widget, day) -> None:
        state = WidgetState(id=widget.id)
        state.string_array_value.data.append(day.isoformat())
        self.values[widget.id] = state

    def set_time(self, widget: Widget, at) -> None:
        self.values[widget.id] = WidgetState(id=widget.id, string_value=at.strftime("%H:%M"))

    def chosen(self, widget: Widget) -> bool:
        """Whether a selectbox shows a choice (one this tab made, or its default)."""
        return widget.id in self.values or widget.proto.HasField("default")

    def choose(self, widget: Widget, index: int = 0) -> str:
        """Choose an option of a selectbox (its shown text is the value sent) or of a segmented
        control / pills (a list of the chosen options' texts)."""
        if widget.kind == "selectbox":
            text = widget.proto.options[index]
            self.values[widget.id] = WidgetState(id=widget.id, string_value=text)
        elif widget.kind == "button_group":
            text = widget.proto.options[index].content
            state = WidgetState(id=widget.id)
            state.string_array_value.data.append(text)
            self.values[widget.id] = state
        else:
            raise ValueError(f"cannot choose in a {widget.kind}")
        return text
