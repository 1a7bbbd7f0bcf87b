"""The MkDocs adapters' own machinery that leaves no trace in the built HTML (so built-site tests
cannot see it fail): compiled templates shared between the languages' builds."""

from __future__ import annotations

import importlib.util

import jinja2

from conftest import ROOT


def load_hook(name: str):
    spec = importlib.util.spec_from_file_location(f"hook_{name}", ROOT / "overrides" / "hooks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_next_language_reuses_compiled_templates_until_one_is_edited(monkeypatch):
    rails = load_hook("i18n_rails")
    shared = rails.CompiledTemplates()
    sources = {"page.html": "<p>{{ ui.hello }}</p>"}
    compiled = []
    real_compile = jinja2.Environment.compile

    def counting_compile(self, source, *args, **kwargs):
        compiled.append(source)
        return real_compile(self, source, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting_compile)

    def render(hello: str) -> str:  # a new environment per language, as static-i18n makes
        env = jinja2.Environment(loader=jinja2.DictLoader(sources), bytecode_cache=shared)
        return env.get_template("page.html").render(ui={"hello": hello})

    assert render("Bonjour") == "<p>Bonjour</p>" and len(compiled) == 1
    assert render("Hello") == "<p>Hello</p>" and len(compiled) == 1  # the English build compiled nothing
    sources["page.html"] = "<h1>{{ ui.hello }}</h1>"  # `make serve` after an edit
    assert render("Hello") == "<h1>Hello</h1>" and len(compiled) == 2
    # …and MkDocs' environment gets the cache shared by the whole process.
    assert rails.on_env(jinja2.Environment(), None, None).bytecode_cache is rails._compiled_templates
