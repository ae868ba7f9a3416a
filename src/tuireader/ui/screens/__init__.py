"""The app's screens: ``main`` (compose, wiring, one action per key) and the
parts it is built from, each owning its state and talking through messages
(``library_watcher``, ``library_sync``, ``list_content``, ``list_filter``,
``list_modes``, ``reading``, ``feed_fetcher``, ``state_saver``, ``text_switches``,
``auto_bidi``, ``notices``, ``size_guard``, ``pane_focus``); the modal
screens (``help``, ``messages``, sharing ``scrolling_modal``)."""
