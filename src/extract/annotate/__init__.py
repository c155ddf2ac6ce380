"""Annotation tools in and out: pre-annotations for Label Studio and doccano, their exports back as gold.

Each module has one job: ``units`` converts offsets between Python's code
points and the UTF-16 code units of JavaScript tools, ``records`` holds one
document's mentions and events and reads/writes them as contract tables,
``labelstudio`` and ``doccano`` speak one tool's format each, and ``review``
picks the rows an evaluation says to check.
"""
