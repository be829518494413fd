"""Content: Markdown sources read, validated and rendered; news, regulations and the files content/ publishes."""
