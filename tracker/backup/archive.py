"""A backup of the GCM implementation tracker, archive format version 1.

The archive is a zip file (written by `python manage.py export_all`, read by
`python manage.py import_all`) holding:

  manifest.json   What the archive is:
                  format ("gcm-tracker-backup") and format_version (1);
                  created_at, the time of the database snapshot (UTC);
                  migrations, the database's migration state (app -> last applied migration);
                    it is restored only into a database at exactly this state;
                  with_password_hashes: false unless asked for; without them every restored
                    user has an unusable password until an administrator sets a new one;
                  tables, in the order they are loaded: each table's model, file, rows and
                    SHA-256 of the file;
                  media: each file the rows name (evidence, report PDFs, also those only the
                    history names), with its stored name, file, size and SHA-256;
                  missing_media: stored names the rows name but the storage did not have;
                  left_out: the database's other tables, each with why it is not in the archive.
  README.txt      This text.
  tables/<app>.<model>.jsonl
                  One row per line, in primary-key order, as Django's JSON Lines serializer
                  writes it: {"model": ..., "pk": ..., "fields": {...}}, with full-precision
                  times. A foreign key is the primary key it points at, except towards content
                  types and permissions (and from the few tables that point there), which are
                  written as natural keys because each database numbers them itself.
                  Many-to-many links are their own tables (the through tables, such as
                  tracker.measure_objectives), and the audit trail is in the Historical* tables.
                  What the public sees is there too: the published records
                  (tracker.publishedmeasure, .publishedpledge, .publishedupdate, with their own
                  many-to-many tables) and the snapshots of closed cycles
                  (tracker.cyclesnapshot and its tables), so a closed cycle's report is the same
                  after a restore. A restore only inserts rows, which the published records'
                  immutability (no update, no delete) allows.
  media/<stored name>
                  The files themselves, byte for byte.

Restoring: create an empty database, run `python manage.py migrate` with the same version of
the product, then `python manage.py import_all <archive>`. The Compact's tables are in the
archive too, so running `loadcompact` first is not needed (if it was run, its rows must be
identical to the archive's).
"""

import hashlib
import io

FORMAT = "gcm-tracker-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
README = "README.txt"
TABLES_FOLDER = "tables/"
MEDIA_FOLDER = "media/"
COPY_CHUNK = 1024 * 1024


class DigestingWriter(io.RawIOBase):
    """Passes bytes on to `target` (None: nowhere) while taking their SHA-256 and counting
    their lines, which are a table's rows."""

    def __init__(self, target=None):
        super().__init__()
        self.target = target
        self.digest = hashlib.sha256()
        self.lines = 0
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        chunk = bytes(data)
        self.digest.update(chunk)
        self.lines += chunk.count(b"\n")
        self.size += len(chunk)
        if self.target is not None:
            self.target.write(chunk)
        return len(chunk)


def digest_of(stream) -> tuple[str, int, int]:
    """SHA-256, size and number of lines of what `stream` holds, read in chunks."""
    digest = hashlib.sha256()
    size = lines = 0
    while chunk := stream.read(COPY_CHUNK):
        digest.update(chunk)
        size += len(chunk)
        lines += chunk.count(b"\n")
    return digest.hexdigest(), size, lines
