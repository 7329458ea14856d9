"""Resources: the bilingual library (articles, videos, links, exercises), Arabic-aware search,
contextual suggestions."""
