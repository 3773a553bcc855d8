"""The PySide6 desktop client. The only package that imports Qt."""

import os

# qasync binds to the Qt library named by QT_API, else to PyQt5/PyQt6 before PySide6 when several are installed
# or loaded. Aduan is written for PySide6 only, so a QT_API left for another tool must not win either.
os.environ["QT_API"] = "pyside6"
