"""The benchmark's simulated users (bench/simulated_users.py) do what a person does on the pages they
drive, so that what they record as an error is the app's."""

from __future__ import annotations

import asyncio
import random

from bench.simulated_users import sign_in, verify_business
from bench.streamlit_client import StreamlitSession
from tests.browser_support import streamlit_server


def test_an_officer_verifies_businesses_one_after_another(demo_path):
    """A card stays open when its officer comes back to the page (as in a browser); the simulated
    officer verified every second time, because it clicked the open card and so closed it."""
    record = []

    async def timed(kind, where, request, expect=None):
        run = await request
        record.append((kind, where, run.alerts, run.exceptions, expect))
        return run

    async def officer(url):
        session = StreamlitSession(url)
        await session.connect()
        try:
            await sign_in(session, "officer")
            for _ in range(3):
                await verify_business(session, timed, random.Random(0))
                await session.visit("contact-log")         # elsewhere in between, as the users do
        finally:
            await session.close()

    with streamlit_server(demo_path) as url:
        asyncio.run(officer(url))
    saves = [entry for entry in record if entry[0] == "save"]
    assert len(saves) == 3
    for _kind, _where, alerts, exceptions, expect in saves:
        assert not exceptions
        assert any(expect in alert for alert in alerts), alerts
