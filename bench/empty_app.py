"""The empty Streamlit page the browser figures are compared with (served like app.py)."""

import streamlit as st

st.title("Empty page")
