"""Scale-out: ingest batches fetched and parsed on a 2-worker Dask LocalCluster, stored by one writer."""

from __future__ import annotations

from pathlib import Path

import pytest

from trendwatch.demo.world import build_world, rss


@pytest.mark.slow
def test_ingest_batches_run_on_a_local_dask_cluster(prefect_api: None, tmp_path: Path) -> None:
    pytest.importorskip("prefect_dask")
    from flows.ingest import ingest_flow
    from flows.weekly import task_runner_for
    from trendwatch.demo.server import FeedServer
    from trendwatch.store import open_store

    world = build_world()
    with FeedServer({}) as server:
        server.set_documents(
            {f"/{f.slug}.xml": rss(world, f, server.url(f"/{f.slug}.xml")) for f in world.feeds}
        )
        config = tmp_path / "trendwatch.toml"
        config.write_text(
            '[store]\npath = "tw.duckdb"\n'
            + "".join(
                f'[[feeds]]\nurl = "{server.url(f"/{f.slug}.xml")}"\nname = "{f.slug}"\n' for f in world.feeds
            ),
            encoding="utf-8",
        )
        flow = ingest_flow.with_options(task_runner=task_runner_for("dask"))  # a temporary 2-worker cluster
        summary = flow(str(config), batch_size=4, parallel=True)
    assert summary["feeds_ok"] == len(world.feeds) and summary["failures"] == [] and summary["exit_code"] == 0
    assert summary["entries_new"] == len(world.articles)
    assert set(server.hits.values()) == {1}  # every feed fetched exactly once, by one of the workers
    with open_store(tmp_path / "tw.duckdb", read_only=True) as con:
        assert con.execute("SELECT count(*) FROM entries").fetchone()[0] == len(world.articles)
        assert con.execute("SELECT count(DISTINCT run_id) FROM fetches").fetchone()[0] == 3  # one per batch
    assert not list((tmp_path / "tw.duckdb.staging").glob("*.pickle"))  # staged files removed once stored
