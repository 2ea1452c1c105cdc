"""Backups that restore: the whole tracker written to one archive, and read back into an empty
database (the archive's format is described in tracker/backup/archive.py)."""

from tracker.backup.export import ExportResult, backup_export
from tracker.backup.restore import BackupRefused, ImportResult, backup_import

__all__ = ["BackupRefused", "ExportResult", "ImportResult", "backup_export", "backup_import"]
