"""The terminal the reader runs in.

Owns whether a full-screen UI can run here and with which encoding, the
bidi handshake and restoring the terminal on every exit (``tty``), asking
the terminal who it is (``detect``) and filtering its answers out of the
key stream (``replies``), the exit signals (``signals``) and the bidi mode
remembered per terminal (``bidi_memory``), and the environment variables
that describe the terminal (``env``, the one place they are read).

Pure (no Textual); imports nothing else of tuireader, so it can restore the
terminal whatever else failed to import.
"""
