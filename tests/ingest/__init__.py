"""Tests for walkback.ingest."""
