"""Resident perception surveys: waves, their answers, and the results read from them."""
