"""Jobs over whole submissions of any size: streamed, in flat memory, on one core or several."""
