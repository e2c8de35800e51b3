"""Staff exports of service records and activity reports: streamed now, or made in the background.

One source of rows serves both ways out: ``rows.export_rows`` yields the
heading and then one row per record from a ``values_list`` read in chunks, so
neither the streamed CSV download nor the background job holds more than one
chunk.

A background export is a row first (pending), written in the request's
transaction (``requests.export_request``); the task that writes the file
(``files.export_run``) runs after commit and does nothing for a row that is
no longer pending, so a retried task never writes twice. It reports progress
on the row with plain updates (outside any transaction) so the page staff
wait on sees them. A beat sweep re-sends exports left pending by a broker
outage, fails those a lost worker left running, and removes files after
``files.KEEP_FILES``: they carry real names.

- ``requests``: who may export, the filters, asking for a background export;
- ``rows``: the rows of each kind of export, and how many there are;
- ``files``: writing a file (CSV or Excel), running and tidying the exports.
"""
