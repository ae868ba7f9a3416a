"""The app's screens: ``main`` (compose, wiring, one action per key) and the
parts it is built from, each owning its state and talking through messages
(``library_watcher``, ``feed_fetcher``, ``state_saver``, ``auto_bidi``,
``notices``, ``list_content``, ``size_guard``, ``pane_focus``); the modal
screens (``help``, ``messages``, sharing ``scrolling_modal``)."""
