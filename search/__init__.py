"""news-search: a local search engine over news coverage, with who-said-what."""

__version__ = "0.1.0"
