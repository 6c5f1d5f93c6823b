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
