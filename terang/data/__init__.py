"""Data: datasets and tables, figures and their history, participant aggregates, disclosure control and regions."""
