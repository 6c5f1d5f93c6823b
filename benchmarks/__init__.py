"""Benchmarks and scale figures for shkc-advisor (`python -m benchmarks`, `make bench`).

Speed and memory targets live here, in printed figures and ``benchmarks/results/*.json``,
never in timed tests. Modules by concern:

- ``corpus``     real chunks + vectors of the shipped corpus; synthetic chunks for larger sizes
- ``ingest``     parse/chunk, embed and store throughput; unchanged re-index
- ``retrieval``  query latency (dense, BM25, hybrid, ask, plain langchain-chroma) per size
- ``server``     `shkc-advisor serve` subprocess: cold start, RSS, the Chroma server mode
- ``load``       concurrent chat sessions through the Gradio queue and the /v1 API
- ``startup``    import time and which heavy modules `import shkc_advisor` pulls in
- ``report``     the printed table, the JSON and the PNG
"""
