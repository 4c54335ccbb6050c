"""The offline demo: a generated sector served on loopback HTTP, run through the real weekly flow."""
