"""How verdicts look on a terminal: one colour and one name per verdict, for the app and the command line alike."""

from __future__ import annotations

VERDICT_STYLE = {"AC": "bold green", "WA": "bold red", "TLE": "bold yellow", "MLE": "bold yellow",
                 "RE": "bold magenta", "OLE": "bold yellow", "CE": "bold magenta", "JE": "bold red", "SK": "dim"}
VERDICT_WORDS = {"AC": "Accepted", "WA": "Wrong answer", "TLE": "Time limit exceeded",
                 "MLE": "Memory limit exceeded", "RE": "Runtime error", "OLE": "Output limit exceeded",
                 "CE": "Compile error", "JE": "Judge error", "SK": "Skipped"}
