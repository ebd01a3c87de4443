"""The scoring service (FastAPI/uvicorn, optional extra `service`): a thin caller of zhibiao.api."""
