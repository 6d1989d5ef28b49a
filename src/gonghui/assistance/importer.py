"""The importers of the assistance app, loaded by core.imports when a job names one."""

from gonghui.assistance.mutual_import import IMPORTER as MUTUAL_IMPORTER

__all__ = ["MUTUAL_IMPORTER"]
