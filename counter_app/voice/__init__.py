"""The hall's voice (issue 22): calls read aloud in Vietnamese, offline. words.py reads
numbers and the call; the voices behind `Speaker` are below it. No database, no Qt."""
