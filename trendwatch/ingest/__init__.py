"""Ingest: fetch every configured feed concurrently, parse what changed, store it in bulk.

The pipeline for one run (:func:`run_ingest`):

1. make the ``feeds`` table match the config and read each feed's state;
2. plan (:mod:`.plan`): skip feeds that answered 410 Gone, that are backing off after failures or
   a Retry-After, and (unless ``force``) feeds fetched successfully less than
   ``[fetch] min_interval_minutes`` ago; the schedule cache (:mod:`.schedule`) answers a run with
   nothing due without opening the store;
3. fetch the rest concurrently (conditional GET) and parse each body as it arrives, in a worker
   process (:mod:`.workers`), while this one commits the results in batches (:mod:`.writer`);
4. report (:mod:`.report`): one summary and exit code for every caller.

Scale-out (:mod:`.staging`): batches fetched and parsed on other processes, stored by one writer.
Brand tagging and other steps of later stages are the caller's job, after the run.
"""

from trendwatch.ingest.plan import DEFAULT_BATCH_SIZE, feed_batches, process_result
from trendwatch.ingest.report import FeedOutcome, IngestReport, merge_summaries, summary_line
from trendwatch.ingest.run import run_ingest
from trendwatch.ingest.schedule import restamp_schedule
from trendwatch.ingest.staging import (
    StagedBatch,
    fetch_and_parse,
    prepare_store,
    stage,
    staging_dir,
    store_staged,
)
from trendwatch.ingest.transient import RETRYABLE_HTTP, TransientFeedFailures, failed_is_transient
from trendwatch.ingest.workers import feed_updates

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "RETRYABLE_HTTP",
    "FeedOutcome",
    "IngestReport",
    "StagedBatch",
    "TransientFeedFailures",
    "failed_is_transient",
    "feed_batches",
    "feed_updates",
    "fetch_and_parse",
    "merge_summaries",
    "prepare_store",
    "process_result",
    "restamp_schedule",
    "run_ingest",
    "stage",
    "staging_dir",
    "store_staged",
    "summary_line",
]
