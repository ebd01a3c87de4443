"""Province-scale scoring on Apache Spark (optional extra `spark`): see `job`."""
