"""The book's configuration as Sphinx receives it: Jupyter Book's reading of _config.yml
(``jupyter_book.config.get_final_config``, the function ``jupyter-book build`` calls)."""

from __future__ import annotations

import pytest
import yaml
from jupyter_book.config import get_default_sphinx_config, get_final_config

from .books import REPO

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def sphinx_config() -> dict:
    # the CLI always passes latex_individualpages (jupyter_book.cli.main.build)
    cli = {"latex_individualpages": False}
    config, _ = get_final_config(user_yaml=REPO / "_config.yml", cli_config=cli, sourcedir=REPO, raise_on_invalid=True)
    return config


def _user() -> dict:
    return yaml.safe_load((REPO / "_config.yml").read_text(encoding="utf-8"))


def test_theme_options_from_html_keys_and_from_sphinx_config_are_merged(sphinx_config):
    options = sphinx_config["html_theme_options"]
    user = _user()
    # from `html:` (Jupyter Book's keys): the footer and the intro page in the left navigation
    assert options["extra_footer"] == user["html"]["extra_footer"]
    assert options["home_page_in_toc"] is True
    # from `sphinx.config.html_theme_options`
    assert options["use_download_button"] is True
    assert options["show_toc_level"] == 2
    # from Jupyter Book's defaults
    assert options["search_bar_text"] == "Search this book..."


def test_thebe_is_off_and_its_extension_not_loaded(sphinx_config):
    assert _user()["launch_buttons"]["thebe"] is False
    assert "sphinx_thebe" not in sphinx_config["extensions"]


def test_the_extensions_are_jupyter_books_without_thebe_plus_the_books_own(sphinx_config):
    """Listing the extensions replaces Jupyter Book's list: none of its other extensions may go missing."""
    default = get_default_sphinx_config()["extensions"]
    ours = ["sphinx.ext.autodoc", "sphinx.ext.autosummary", "sphinx.ext.napoleon", "sphinxcontrib.bibtex"]
    # Jupyter Book appends sphinx_jupyterbook_latex itself, after reading the list (latex.use_jupyterbook_latex)
    final = [e for e in sphinx_config["extensions"] if e != "sphinx_jupyterbook_latex"]
    assert final == [e for e in default if e != "sphinx_thebe"] + ours


def test_the_books_stylesheet_is_served_and_loaded(sphinx_config):
    assert "_static" in sphinx_config["html_static_path"]
    assert "book.css" in sphinx_config["html_css_files"]
    assert (REPO / "_static" / "book.css").is_file()


def test_the_colour_mode_is_set(sphinx_config):
    assert sphinx_config["html_context"]["default_mode"] == "light"
