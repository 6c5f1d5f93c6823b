"""The public surface is small and deliberate (cf. langchain_chroma test_imports)."""

import shkc_advisor

EXPECTED = {
    "Advisor", "AdvisorError", "Answer", "Citation", "ConfigError", "IngestError", "InputError",
    "Settings", "__version__",
}


def test_all_is_pinned() -> None:
    assert set(shkc_advisor.__all__) == EXPECTED


def test_error_tree_has_one_root() -> None:
    from shkc_advisor import errors

    for name in errors.__all__:
        assert issubclass(getattr(errors, name), shkc_advisor.AdvisorError)


def test_every_exported_name_resolves() -> None:
    for name in shkc_advisor.__all__:
        assert getattr(shkc_advisor, name) is not None
    assert shkc_advisor.Advisor.__module__ == "shkc_advisor.advisor"


def test_import_and_help_stay_light() -> None:
    """`import shkc_advisor` and the CLI's --help must not load Chroma or LangChain's tracing."""
    import subprocess
    import sys

    probe = (
        "import sys, shkc_advisor, shkc_advisor.cli as c\n"
        "try:\n    c.main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('chromadb', 'langchain_core.retrievers', 'gradio') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert "HEAVY []" in out
