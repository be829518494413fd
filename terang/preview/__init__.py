"""Preview: the live preview server, its one-page quick path, the watcher and the error overlay."""
