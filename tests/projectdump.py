"""A project file's content as lines, for tests that compare a file before and
after a command."""


def logical_dump(db):
    """Every table's schema and rows, in order. Not db.iterdump(): that asks
    the search index (an FTS5 table with Alama's own tokenizer) for its
    columns, which a connection without the tokenizer cannot; its rows are in
    its shadow tables (search_fts_*), which are dumped."""
    lines = []
    for name, sql in db.execute("SELECT name, sql FROM sqlite_master "
                                "WHERE type = 'table' ORDER BY name").fetchall():
        lines.append(sql or name)
        if sql is not None and sql.upper().startswith("CREATE VIRTUAL TABLE"):
            continue
        for row in db.execute('SELECT * FROM "%s" ORDER BY 1' % name.replace('"', '""')):
            lines.append(repr(row))
    return lines
