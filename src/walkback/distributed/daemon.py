"""PySpark's worker daemon, with walkback's spaCy pipeline loaded before it forks its workers.

Spark starts one daemon per executor (``python -m <spark.python.daemon.module>``), which forks a
Python worker for each task slot and keeps it for the next tasks. Started as this module (the job
sets ``spark.python.daemon.module``), the daemon loads the pipeline first, as walkback's own worker
pool does: the workers start with the model (no load of their own) and share its pages, so an
executor holds the model once however many slots it has. A pipeline that will not load is left to
the tasks, which report it as the job's error; a job configured with other models loads them in
each worker.

Only the model is loaded here: pyspark's daemon must not hold threads when it forks (pyarrow starts
some), so nothing else of :mod:`walkback.distributed` is imported.
"""

from __future__ import annotations

import gc

from pyspark import daemon

from walkback.errors import WalkbackError
from walkback.extract.nlp import load_pipeline
from walkback.settings import Settings


def main() -> None:
    try:
        load_pipeline(tuple(Settings().spacy_models))
    except WalkbackError:
        pass  # each task raises it again, and the driver reports it
    gc.freeze()  # the model's objects stay shared with the forked workers (no GC writes to them)
    daemon.manager()


if __name__ == "__main__":
    main()
