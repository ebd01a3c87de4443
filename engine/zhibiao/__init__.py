"""质标 zhibiao：标准与考核方案即代码。

数据流向：YAML → loading（保留位置）→ validation（模式、语义）→ model → compile（durable-rules）
→ scoring → results → reports / site。
"""

__version__ = "0.1.0"
