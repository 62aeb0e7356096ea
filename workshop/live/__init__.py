"""The live layer: Socket.IO namespace, payload checks, room names and coalesced pushes."""
