"""The statistics window (*Statistik*): the server's figures of ``reports/figures.py`` for the officer's scope."""
