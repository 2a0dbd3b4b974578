"""The desk's worklists and their counts, and the first screen read without the ORM."""
