"""algoitny-tui: practice algorithm problems in the terminal, offline first."""

__version__ = "0.1.0"
