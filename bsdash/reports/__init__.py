"""Papers and messages made from the figures: the board pack PDF and the threshold alerts."""
