"""Step 5 of the flow: processed disclosures -> one dataset (a Fiscal Data Package and a DuckDB
database) that researchers query, share and load into other fiscal-data tools. Reports of many
disclosures read it."""
from .build import DUCKDB_FILE, VIEWS, build_dataset, collect, datapackage, write_dataset
from .schema import RESOURCES

__all__ = ["DUCKDB_FILE", "RESOURCES", "VIEWS", "build_dataset", "collect", "datapackage", "write_dataset"]
