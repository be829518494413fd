"""Publish: staging, the atomic swap and the steps that finish a site (scans, headers, manifest, search index)."""
