"""The templates of `hellotorch export-script`: script.py.j2 and the sections it includes (_*.py.j2)."""
