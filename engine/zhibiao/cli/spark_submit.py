"""The spark-submit entry point of `zhibiao spark` (spark-submit runs a file as a script, without its package,
so this file imports absolutely and holds nothing else):

    ZHIBIAO_ROOT=/data/质标仓库 spark-submit --master yarn --deploy-mode client \
        "$(python -c 'import zhibiao.cli.spark_submit as m; print(m.__file__)')" 全省填报/ -o 结果.jsonl

The arguments are those of `zhibiao spark`; the repository is ZHIBIAO_ROOT (see docs/manual/scale.md).
"""

import sys

from zhibiao.cli.main import main

if __name__ == "__main__":
    sys.exit(main(["spark", *sys.argv[1:]]))
