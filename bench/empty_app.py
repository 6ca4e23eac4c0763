"""The empty Streamlit app the browser figures are compared with (served like app.py): two empty
pages in a sidebar menu, so that a page switch can be timed the same way as the app's."""

import streamlit as st


def empty_a() -> None:
    st.title("Empty page A")


def empty_b() -> None:
    st.title("Empty page B")


st.navigation([st.Page(empty_a, title="Empty A", url_path="a", default=True),
               st.Page(empty_b, title="Empty B", url_path="b")]).run()
