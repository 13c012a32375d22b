"""Matching: text analysis, a BM25 and n-gram index, diversified suggestions, convergences."""
